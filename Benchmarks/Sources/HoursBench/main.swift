// HoursBench: speed of the opening-hours engine.
// Run: swift run -c release --package-path Benchmarks HoursBench
// Targets: "open at t?" on CompiledHours < 50 ns; parse + compile of a typical expression < 20 µs.
import StationCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thread CPU time, so figures do not include time the benchmark spent descheduled on a busy machine.
struct CPUClock {
    struct Instant { var nanoseconds: Int64 }
    var now: Instant {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Instant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }
}
func - (a: CPUClock.Instant, b: CPUClock.Instant) -> Duration { .nanoseconds(a.nanoseconds - b.nanoseconds) }


func nanoseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
}

/// The most common values in geodata/stations-sample.csv, plus two with dates and overnight spans.
let expressions = [
    "Mo-Fr 08:30-17:30; PH off",
    "Mo-Fr 09:00-17:00; Sa,Su 09:30-16:00; PH off",
    "Mo-Su 05:00-20:00",
    "Mo-Fr 08:00-12:00,13:30-17:30",
    "Tu-Su 09:00-20:00; Mo off",
    "24/7",
    "Mo-Su 10:30-14:00,16:30-21:30",
    "Mo-Th 17:00-02:00; Fr-Sa 17:00-04:00",
    "Jan-Mar Mo-Fr 09:00-16:00; Apr-Dec Mo-Fr 08:00-18:00; Dec 24-26 off",
]

var checksum = 0
let clock = CPUClock()
print("HoursBench (release). Each figure is the mean thread CPU time over many repetitions.")

// 1. Parse + compile.
print("\nparse + compile (default window; weekly expressions need no window):")
for text in expressions {
    let repetitions = text.hasPrefix("Jan") ? 50 : 5_000
    // Warm up.
    for _ in 0..<10 { if let h = try? OpeningHours.parse(text) { checksum &+= CompiledHours(h).distinctSchedules } }
    var parseOnly = Duration.zero
    var both = Duration.zero
    for _ in 0..<repetitions {
        let t0 = clock.now
        guard let h = try? OpeningHours.parse(text) else { fatalError("bench expression does not parse: \(text)") }
        let t1 = clock.now
        let c = CompiledHours(h)
        let t2 = clock.now
        checksum &+= c.distinctSchedules
        parseOnly += t1 - t0
        both += t2 - t0
    }
    let p = nanoseconds(parseOnly) / Double(repetitions) / 1000
    let b = nanoseconds(both) / Double(repetitions) / 1000
    let pad = String(repeating: " ", count: max(0, 48 - text.count))
    print("  \(text)\(pad) parse \(String(format: "%6.2f", p)) µs   parse+compile \(String(format: "%7.2f", b)) µs")
}

// 2. Open at t?
let compiled = expressions.map { CompiledHours(try! OpeningHours.parse($0)) }
let start = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-01-01T00:00")!)
var rng = SplitMix64(seed: 42)
let instantCount = 1 << 20
var instants = [Int64](repeating: 0, count: instantCount)
for k in 0..<instantCount { instants[k] = start + Int64(rng.next() % (2 * 366 * 86_400)) }

print("\nopen at t? on CompiledHours (\(instantCount) random instants in 2026-2027, per call):")
for (text, c) in zip(expressions, compiled) {
    var open = 0
    let rounds = 8
    let t0 = clock.now
    for _ in 0..<rounds {
        for t in instants where c.isOpen(atEpochSeconds: t) { open &+= 1 }
    }
    let elapsed = clock.now - t0
    checksum &+= open
    let pad = String(repeating: " ", count: max(0, 48 - text.count))
    print("  \(text)\(pad) \(String(format: "%6.1f", nanoseconds(elapsed) / Double(rounds * instantCount))) ns")
}

print("\nnextChange on CompiledHours (per call):")
for (text, c) in zip(expressions, compiled) {
    let calls = 200_000
    var sum: Int64 = 0
    let t0 = clock.now
    for k in 0..<calls { sum &+= c.nextChange(afterEpochSeconds: instants[k]) ?? 0 }
    let elapsed = clock.now - t0
    checksum &+= Int(truncatingIfNeeded: sum)
    let pad = String(repeating: " ", count: max(0, 48 - text.count))
    print("  \(text)\(pad) \(String(format: "%6.1f", nanoseconds(elapsed) / Double(calls))) ns")
}

print("\nexact evaluator OpeningHours.state(at:) for comparison (per call):")
for text in expressions.prefix(2) {
    let h = try! OpeningHours.parse(text)
    let calls = 20_000
    var open = 0
    let t0 = clock.now
    for k in 0..<calls where h.state(at: HoursTimeZone.shanghai.local(epochSeconds: instants[k])) == .open { open += 1 }
    let elapsed = clock.now - t0
    checksum &+= open
    print("  \(text) \(String(format: "%8.1f", nanoseconds(elapsed) / Double(calls))) ns")
}
print("\n(checksum \(checksum))")

// Where compile time goes (24/7 and the office-hours value).
for text in ["24/7", "Mo-Fr 08:30-17:30; PH off"] {
    let h = try! OpeningHours.parse(text)
    let n = 2000
    var t0 = clock.now
    for _ in 0..<n { checksum &+= CompiledHours(h, firstDay: 0, dayCount: 0).distinctSchedules }
    let compileOnly = nanoseconds(clock.now - t0) / Double(n) / 1000
    t0 = clock.now
    for k in 0..<n { checksum &+= h.state(at: LocalDateTime(iso: "2026-05-0\(1 + k % 9)T10:00")!) == .open ? 1 : 0 }
    let exact = nanoseconds(clock.now - t0) / Double(n) / 1000
    print("breakdown \(text): compile (no Date()) \(String(format: "%.2f", compileOnly)) µs, one exact day evaluation \(String(format: "%.2f", exact)) µs")
}
