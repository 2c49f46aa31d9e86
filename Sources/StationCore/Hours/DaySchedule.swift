/// The states of one local day as segments: `starts[k]` (minute 0...1439, `starts[0] == 0`) begins
/// a segment in state `states[k]` that lasts until the next start or midnight. Adjacent segments
/// always differ in state.
struct DaySchedule: Hashable, Sendable {
    var starts: [UInt16]
    var states: [UInt8]

    init(minutes: [UInt8]) {
        var starts: [UInt16] = [0]
        var states: [UInt8] = [minutes[0]]
        for m in 1..<minutes.count where minutes[m] != minutes[m - 1] {
            starts.append(UInt16(m))
            states.append(minutes[m])
        }
        self.starts = starts
        self.states = states
    }

    func state(atMinute minute: Int) -> UInt8 {
        var k = starts.count - 1
        while k > 0, Int(starts[k]) > minute { k -= 1 }
        return states[k]
    }

    /// First segment start after `minute` (nil: no change before midnight).
    func nextStart(afterMinute minute: Int) -> Int? {
        for s in starts where Int(s) > minute { return Int(s) }
        return nil
    }
}
