/// Every change of state of one compiled schedule over a window of days, so that "the state at `t` and
/// the next change after it" is a lookup instead of a walk.
///
/// Why: a nearest query works out, for each schedule it meets (five or so), the state at the query time
/// and the next change, to know which stations stay open or closed until a worker could get there
/// (``ScheduleVerdicts``). ``CompiledHours`` answers by finding the day's schedule and scanning its
/// segments day after day, about 300 instructions; here the changes are listed once, bucketed by day,
/// and a lookup reads the day's first change and counts those of that day the instant has passed.
///
/// The changes are found by walking ``CompiledHours/stateAndNextChange(atEpochSeconds:)`` from the
/// window's start, so inside the window a lookup gives exactly what the compiled schedule gives:
/// between two listed changes the state is the one set by the first and the next change is the second.
/// Outside the window, or past the last listed change (nothing follows within the window), the lookup
/// declines and the compiled schedule answers.
final class ScheduleTimeline: @unchecked Sendable {
    /// The window: ``SharedSchedule``'s, 400 days before to 800 days after the reference time (the
    /// catalog's build).
    static let daysBefore = SharedSchedule.windowDaysBefore
    static let daysAfter = SharedSchedule.windowDaysAfter

    /// Epoch seconds of the window's start, a whole minute.
    let windowStart: Int64
    let dayCount: Int
    /// The state code (``StateCode``) at the window's start.
    let initialState: UInt8
    let count: Int
    /// Minutes after ``windowStart`` of each change, ascending (followed by ``lookAhead`` entries of
    /// `UInt32.max`), and the state code from then on.
    let minutes: UnsafeMutablePointer<UInt32>
    let states: UnsafeMutablePointer<UInt8>
    /// For day `d` of the window (minutes `1440 d ..< 1440 (d + 1)`), the index of its first change (or
    /// of the first later one); `dayCount + 1` entries.
    let dayFirst: UnsafeMutablePointer<UInt32>

    /// Lists the changes of `hours` around `referenceEpochSeconds`; nil when the schedule's zone has no
    /// fixed offset in whole minutes (changes would not fall on whole epoch minutes), or when the schedule
    /// is tabulated over less than the window (``CompiledHours/tabulatedDays``): walking past its tables
    /// would take the exact evaluator's time at every change.
    init?(_ hours: CompiledHours, referenceEpochSeconds reference: Int64) {
        guard let offset = hours.fixedOffset, offset % 60 == 0 else { return nil }
        let start = (reference - Self.daysBefore * 86_400) / 60 * 60
        let days = Int(Self.daysBefore + Self.daysAfter)
        let end = start + Int64(days) * 86_400
        if let tabulated = hours.tabulatedDays {
            // A week's margin past the end: the walk looks ahead to the next change.
            let firstDay = Int(CivilDate.floorDiv(start + offset, 86_400))
            let lastDay = Int(CivilDate.floorDiv(end + offset, 86_400)) + 7
            guard tabulated.lowerBound <= firstDay, lastDay < tabulated.upperBound else { return nil }
        }
        windowStart = start
        dayCount = days
        let (firstState, firstChange) = hours.stateAndNextChange(atEpochSeconds: start)
        initialState = StateCode.code(firstState)
        var changeMinutes: [UInt32] = []
        var changeStates: [UInt8] = []
        var next = firstChange
        while let c = next, c < end, c > start {
            let (state, following) = hours.stateAndNextChange(atEpochSeconds: c)
            changeMinutes.append(UInt32((c - start) / 60))
            changeStates.append(StateCode.code(state))
            // A change must move forward; anything else would be a fault of the compiled schedule, and
            // stopping here leaves the rest of the window to it.
            guard let f = following, f > c else { break }
            next = f
        }
        count = changeMinutes.count
        minutes = .allocate(capacity: count + Self.lookAhead)
        states = .allocate(capacity: max(1, count))
        minutes.initialize(from: changeMinutes, count: count)
        (minutes + count).initialize(repeating: .max, count: Self.lookAhead)
        states.initialize(from: changeStates, count: count)
        dayFirst = .allocate(capacity: days + 1)
        var i = 0
        for d in 0...days {
            while i < count && Int(changeMinutes[i]) < d * 1440 { i += 1 }
            dayFirst[d] = UInt32(i)
        }
    }

    deinit {
        minutes.deallocate()
        states.deallocate()
        dayFirst.deallocate()
    }

    /// Bytes held by the lists.
    var memoryBytes: Int { count * 5 + Self.lookAhead * 4 + (dayCount + 1) * 4 }

    /// How many of a day's changes a lookup counts without a loop.
    static let lookAhead = 4

    /// The state code at `t` and the next change after it, or nil when the window cannot tell (see above).
    @inline(__always)
    func stateAndNextChange(atEpochSeconds t: Int64) -> (code: UInt8, nextChange: Int64)? {
        let offset = t - windowStart
        guard offset >= 0 else { return nil }
        let minute = offset / 60
        let day = Int(minute / 1440)
        guard day < dayCount else { return nil }
        let first = Int(dayFirst[day])
        var i = first
        if Int(dayFirst[day + 1]) - first <= Self.lookAhead {
            // The changes passed by `minute`, counted without branching (how many of a day's changes lie
            // before a given minute is a coin toss a branch predictor loses): the next day's changes, and
            // the sentinels past the last change, all lie after it.
            let m = UInt32(truncatingIfNeeded: minute)
            i &+= (minutes[first] <= m ? 1 : 0) &+ (minutes[first &+ 1] <= m ? 1 : 0)
                &+ (minutes[first &+ 2] <= m ? 1 : 0) &+ (minutes[first &+ 3] <= m ? 1 : 0)
        } else {
            while i < count && Int64(minutes[i]) <= minute { i += 1 }
        }
        guard i < count else { return nil }
        let code = i > 0 ? states[i - 1] : initialState
        return (code, windowStart + Int64(minutes[i]) * 60)
    }
}
