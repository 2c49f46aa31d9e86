/// A compiled schedule shared by every station with the same opening-hours expression, plus what the
/// nearest search needs to ask it cheaply.
///
/// Why the extra flag: ``CompiledHours/nextChange(afterEpochSeconds:)`` proves that a schedule never
/// changes (24/7, off) by walking day after day to the end of its horizon (microseconds to tens of
/// microseconds), and ``CompiledHours/isOpenThroughout(fromEpochSeconds:seconds:)`` relies on it. A schedule
/// that is constant over a window around the catalog's build time is detected once here, so queries in
/// that window skip the walk.
///
/// With a ``ScheduleTimeline`` (the catalog lists the changes of its most used schedules), the state and
/// next change inside the timeline's window are a lookup.
///
/// The compiled schedule (and timeline) are held unretained, so copying this value out of the catalog's table during a
/// search costs no reference counting (an atomic operation per schedule a query meets); the catalog owns
/// the compiled schedules and timelines (``StationCatalog/scheduleOwners``) and a value of this type is
/// only used while its catalog is.
struct SharedSchedule: @unchecked Sendable {
    private let unretained: Unmanaged<CompiledHours>
    private let timeline: Unmanaged<ScheduleTimeline>?
    /// True when the state never changes from ``windowStart`` on (``CompiledHours/nextChange(afterEpochSeconds:)``
    /// from there finds nothing).
    let isConstantInWindow: Bool
    /// The window in epoch seconds, `[windowStart, windowEnd)`: 400 days before to 800 days after the
    /// reference time. Inside it, "constant" answers exactly as the compiled schedule would, except for a
    /// change more than ``OpeningHours/searchHorizonDays`` days after the window start, which is ignored.
    let windowStart: Int64
    let windowEnd: Int64
    /// When ``isConstantInWindow``: the state code throughout the window.
    private let constantCode: UInt8

    /// The window's extent around the reference time (also ``ScheduleTimeline``'s).
    static let windowDaysBefore: Int64 = 400
    static let windowDaysAfter: Int64 = 800

    /// The compiled schedule and its timeline, if any; the caller must keep both alive as long as this
    /// value is used. `isConstantInWindow`: ``isConstant(_:referenceEpochSeconds:)``, when the caller has
    /// already worked it out.
    init(
        _ hours: CompiledHours, timeline: ScheduleTimeline?, referenceEpochSeconds now: Int64,
        isConstantInWindow known: Bool? = nil
    ) {
        unretained = Unmanaged.passUnretained(hours)
        self.timeline = timeline.map { Unmanaged.passUnretained($0) }
        windowStart = now - Self.windowDaysBefore * 86_400
        windowEnd = now + Self.windowDaysAfter * 86_400
        isConstantInWindow = known ?? Self.isConstant(hours, referenceEpochSeconds: now)
        constantCode = StateCode.code(hours.state(atEpochSeconds: windowStart))
    }

    /// True when `hours` never changes from the start of the window around `now` on.
    ///
    /// More than one distinct day schedule means the state changes somewhere; a single one may still change
    /// daily, which nextChange finds within a day -- the long walk to the end of the horizon only happens
    /// for truly constant ones.
    static func isConstant(_ hours: CompiledHours, referenceEpochSeconds now: Int64) -> Bool {
        hours.distinctSchedules <= 1 && hours.nextChange(afterEpochSeconds: now - windowDaysBefore * 86_400) == nil
    }

    /// Runs `body` with the compiled schedule, without retaining it.
    @inline(__always)
    private func withHours<R>(_ body: (CompiledHours) -> R) -> R { unretained._withUnsafeGuaranteedRef(body) }

    @inline(__always)
    func isConstant(at t: Int64) -> Bool { isConstantInWindow && t >= windowStart && t < windowEnd }

    /// The timeline's answer at `t`, when it has one.
    @inline(__always)
    private func lookUp(_ t: Int64) -> (code: UInt8, nextChange: Int64)? {
        guard let timeline else { return nil }
        return timeline._withUnsafeGuaranteedRef { $0.stateAndNextChange(atEpochSeconds: t) }
    }

    @inline(__always)
    func state(atEpochSeconds t: Int64) -> OpeningState {
        if isConstant(at: t) { return StateCode.state(constantCode) }
        if let known = lookUp(t) { return StateCode.state(known.code) }
        return withHours { $0.state(atEpochSeconds: t) }
    }

    @inline(__always)
    func isOpen(atEpochSeconds t: Int64) -> Bool {
        if isConstant(at: t) { return constantCode == StateCode.open }
        if let known = lookUp(t) { return known.code == StateCode.open }
        return withHours { $0.isOpen(atEpochSeconds: t) }
    }

    /// Same answer as ``CompiledHours/nextChange(afterEpochSeconds:)``.
    func nextChange(afterEpochSeconds t: Int64) -> Int64? {
        if isConstant(at: t) { return nil }
        if let known = lookUp(t) { return known.nextChange }
        return withHours { $0.nextChange(afterEpochSeconds: t) }
    }

    /// The state at `t` and the next change, as ``CompiledHours/stateAndNextChange(atEpochSeconds:)``.
    func stateAndNextChange(atEpochSeconds t: Int64) -> (state: OpeningState, nextChange: Int64?) {
        if isConstant(at: t) { return (StateCode.state(constantCode), nil) }
        if let known = lookUp(t) { return (StateCode.state(known.code), known.nextChange) }
        return withHours { $0.stateAndNextChange(atEpochSeconds: t) }
    }

    /// Open at `t` and for `seconds` after it (unknown never counts as open); `seconds` 0: open at `t`.
    @inline(__always)
    func isOpenThroughout(fromEpochSeconds t: Int64, seconds: Int64) -> Bool {
        if isConstant(at: t) { return constantCode == StateCode.open }
        if let known = lookUp(t) {
            return known.code == StateCode.open && (seconds <= 0 || known.nextChange >= t + seconds)
        }
        return withHours { hours in
            guard hours.isOpen(atEpochSeconds: t) else { return false }
            return seconds <= 0 || hours.isOpenThroughout(fromEpochSeconds: t, seconds: seconds)
        }
    }
}

extension SharedSchedule {
    /// Whether a station on this schedule satisfies an open policy: open at the query time (``OpenPolicy/now``),
    /// or open on arrival and for `minOpenSeconds` more (``OpenPolicy/arrival``). Nearest and along both
    /// decide with this.
    @inline(__always)
    func satisfies(
        _ policy: OpenPolicy, atEpochSeconds: Int64, arrivalEpochSeconds: Int64, minOpenSeconds: Int64
    ) -> Bool {
        switch policy {
        case .now: return isOpen(atEpochSeconds: atEpochSeconds)
        case .arrival: return isOpenThroughout(fromEpochSeconds: arrivalEpochSeconds, seconds: minOpenSeconds)
        }
    }
}
