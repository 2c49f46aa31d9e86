/// The states of one local day as segments: `starts[k]` (minute 0...1439, `starts[0] == 0`) begins
/// a segment in state `states[k]` that lasts until the next start or midnight. Adjacent segments
/// always differ in state.
struct DaySchedule: Hashable, Sendable {
    var starts: [UInt16]
    var states: [UInt8]

    /// A day in one state.
    init(all state: UInt8) {
        starts = []
        states = []
        starts.reserveCapacity(8)
        states.reserveCapacity(8)
        starts.append(0)
        states.append(state)
    }

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

    /// The 1440 minute states (for tests and merging).
    var minutes: [UInt8] {
        var m = [UInt8](repeating: 0, count: 24 * 60)
        for k in 0..<starts.count {
            let end = k + 1 < starts.count ? Int(starts[k + 1]) : 24 * 60
            for x in Int(starts[k])..<end { m[x] = states[k] }
        }
        return m
    }

    /// Splits the segment holding `minute` so a segment starts there (0 < minute < 1440).
    mutating func split(at minute: Int) {
        guard minute > 0, minute < 24 * 60 else { return }
        var k = starts.count - 1
        while k > 0, Int(starts[k]) > minute { k -= 1 }
        if Int(starts[k]) == minute { return }
        starts.insert(UInt16(minute), at: k + 1)
        states.insert(states[k], at: k + 1)
    }

    /// Paints `[from, to)` (clipped to the day) with a state; with `onlyClosed`, only closed parts.
    mutating func fill(_ from: Int, _ to: Int, _ state: UInt8, onlyClosed: Bool) {
        let a = max(from, 0)
        let b = min(to, 24 * 60)
        guard a < b else { return }
        if a == 0, b == 24 * 60, !onlyClosed {
            self = DaySchedule(all: state)
            return
        }
        split(at: a)
        split(at: b)
        for k in 0..<starts.count {
            let s = Int(starts[k])
            if s >= b { break }
            if s >= a, !onlyClosed || states[k] == StateCode.closed { states[k] = state }
        }
        normalize()
    }

    /// Merges adjacent segments in the same state.
    mutating func normalize() {
        var k = 1
        while k < starts.count {
            if states[k] == states[k - 1] {
                starts.remove(at: k)
                states.remove(at: k)
            } else {
                k += 1
            }
        }
    }

    /// Minute-wise: the same state where both agree, unknown where they differ.
    func merged(with other: DaySchedule) -> DaySchedule {
        if self == other { return self }
        var result = DaySchedule(all: StateCode.closed)
        result.starts = []
        result.states = []
        var boundaries = Set(starts)
        boundaries.formUnion(other.starts)
        for b in boundaries.sorted() {
            let x = state(atMinute: Int(b))
            let y = other.state(atMinute: Int(b))
            let s = x == y ? x : StateCode.unknown
            if result.states.last != s {
                result.starts.append(b)
                result.states.append(s)
            }
        }
        return result
    }
}
