import StationCore

/// libFuzzer entry: the opening-hours parser, then (for text it accepts) the evaluator and the
/// compiled schedule at a time taken from the input's bytes. Nothing may trap or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpeningHours(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let text = String(decoding: bytes, as: UTF8.self)
    guard let hours = try? OpeningHours.parse(text) else { return 0 }
    // A time in 2024-2027 from the input's bytes, so the holiday calendar's edges are reached too.
    let seed = bytes.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    let year = 2024 + Int(seed % 4), month = 1 + Int(seed >> 8 % 12), day = 1 + Int(seed >> 16 % 28)
    let time = LocalDateTime(year: year, month: month, day: day, hour: Int(seed >> 24 % 24), minute: Int(seed >> 32 % 60))
    guard let time else { return 0 }
    _ = hours.state(at: time)
    _ = hours.nextChange(after: time)
    if let monthLater = LocalDateTime(year: month == 12 ? year + 1 : year, month: month % 12 + 1, day: day) {
        _ = hours.intervals(from: time, to: monthLater)
    }
    let compiled = CompiledHours(hours, firstDay: time.dayNumber - 10, dayCount: 40)
    let epoch = Int64(time.dayNumber) * 86_400 + Int64(time.minuteOfDay) * 60 - 8 * 3_600
    _ = compiled.stateAndNextChange(atEpochSeconds: epoch)
    _ = compiled.isOpenThroughout(fromEpochSeconds: epoch, seconds: 3_600)
    return 0
}
