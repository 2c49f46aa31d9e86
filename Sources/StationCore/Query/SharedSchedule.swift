/// A compiled schedule shared by every station with the same opening-hours expression, plus what the
/// nearest search needs to ask it cheaply.
///
/// Why the extra flag: ``CompiledHours/nextChange(afterEpochSeconds:)`` proves that a schedule never
/// changes (24/7, off) by walking day after day to the end of its horizon (microseconds to tens of
/// microseconds), and ``CompiledHours/isOpenThroughout(fromEpochSeconds:seconds:)`` relies on it. A schedule
/// that is constant over a window around the catalog's build time is detected once here, so queries in
/// that window skip the walk.
struct SharedSchedule: Sendable {
    let hours: CompiledHours
    /// True when the state never changes from ``windowStart`` on (``CompiledHours/nextChange(afterEpochSeconds:)``
    /// from there finds nothing).
    let isConstantInWindow: Bool
    /// The window in epoch seconds, `[windowStart, windowEnd)`: 400 days before to 800 days after the
    /// reference time. Inside it, "constant" answers exactly as the compiled schedule would, except for a
    /// change more than ``OpeningHours/searchHorizonDays`` days after the window start, which is ignored.
    let windowStart: Int64
    let windowEnd: Int64

    init(_ hours: CompiledHours, referenceEpochSeconds now: Int64) {
        self.hours = hours
        windowStart = now - 400 * 86_400
        windowEnd = now + 800 * 86_400
        // More than one distinct day schedule means the state changes somewhere; a single one may still change
        // daily, which nextChange finds within a day -- the long walk only happens for truly constant ones.
        isConstantInWindow = hours.distinctSchedules <= 1 && hours.nextChange(afterEpochSeconds: windowStart) == nil
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

    /// The state at `t` and the next change, as ``CompiledHours/stateAndNextChange(atEpochSeconds:)``.
    func stateAndNextChange(atEpochSeconds t: Int64) -> (state: OpeningState, nextChange: Int64?) {
        isConstant(at: t) ? (hours.state(atEpochSeconds: t), nil) : hours.stateAndNextChange(atEpochSeconds: t)
    }

    /// Open at `t` and for `seconds` after it (unknown never counts as open); `seconds` 0: open at `t`.
    @inline(__always)
    func isOpenThroughout(fromEpochSeconds t: Int64, seconds: Int64) -> Bool {
        guard hours.isOpen(atEpochSeconds: t) else { return false }
        if seconds <= 0 || isConstant(at: t) { return true }
        return hours.isOpenThroughout(fromEpochSeconds: t, seconds: seconds)
    }
}
