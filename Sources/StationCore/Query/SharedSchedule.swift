/// A compiled schedule shared by every station with the same opening-hours expression, plus what the
/// nearest search needs to ask it cheaply.
///
/// Why the extra flag: ``CompiledHours/nextChange(afterEpochSeconds:)`` proves that a schedule never
/// changes (24/7, off) by searching its whole horizon, tens of microseconds each time, and
/// ``CompiledHours/isOpenThroughout(fromEpochSeconds:seconds:)`` relies on it. A schedule that is constant
/// over the compiled window is detected once here, so queries inside the window skip that search.
struct SharedSchedule: Sendable {
    let hours: CompiledHours
    /// True when the state never changes from the window's start (epoch seconds below) to the end of the
    /// schedule's search horizon (``OpeningHours/searchHorizonDays`` days later).
    let isConstantInWindow: Bool
    /// The compiled window in epoch seconds, `[windowStart, windowEnd)`.
    let windowStart: Int64
    let windowEnd: Int64

    init(_ hours: CompiledHours) {
        self.hours = hours
        let zone = hours.timeZone
        windowStart = zone.epochSeconds(LocalDateTime(dayNumber: hours.firstDay, minuteOfDay: 0))
        windowEnd = zone.epochSeconds(LocalDateTime(dayNumber: hours.firstDay + hours.dayCount, minuteOfDay: 0))
        // More than one distinct day in the window means it changes; one distinct day may still change daily,
        // which nextChange finds within a day -- the slow full search only runs for truly constant ones.
        isConstantInWindow = hours.dayCount > 0 && hours.distinctSchedules == 1
            && hours.nextChange(afterEpochSeconds: windowStart) == nil
    }

    @inline(__always)
    func isConstant(at t: Int64) -> Bool { isConstantInWindow && t >= windowStart && t < windowEnd }

    @inline(__always)
    func state(atEpochSeconds t: Int64) -> OpeningState { hours.state(atEpochSeconds: t) }

    @inline(__always)
    func isOpen(atEpochSeconds t: Int64) -> Bool { hours.isOpen(atEpochSeconds: t) }

    /// Same answer as ``CompiledHours/nextChange(afterEpochSeconds:)``.
    func nextChange(afterEpochSeconds t: Int64) -> Int64? {
        isConstant(at: t) ? nil : hours.nextChange(afterEpochSeconds: t)
    }

    /// Open at `t` and for `seconds` after it (unknown never counts as open); `seconds` 0: open at `t`.
    @inline(__always)
    func isOpenThroughout(fromEpochSeconds t: Int64, seconds: Int64) -> Bool {
        guard hours.isOpen(atEpochSeconds: t) else { return false }
        if seconds <= 0 || isConstant(at: t) { return true }
        return hours.isOpenThroughout(fromEpochSeconds: t, seconds: seconds)
    }
}
