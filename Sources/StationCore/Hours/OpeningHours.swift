/// A parsed OpenStreetMap `opening_hours` value that answers "open at this local time?".
///
/// ```swift
/// let hours = try OpeningHours.parse("Mo-Fr 08:30-17:30; PH off")
/// hours.state(at: LocalDateTime(iso: "2026-10-01T10:00")!)   // .closed (National Day)
/// ```
/// Semantics follow the OSM specification and its reference implementation (opening_hours.js):
/// see ``HoursEvaluator`` for rule overriding and ``HolidayCalendar`` for `PH` and make-up days.
public struct OpeningHours: Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let rules: [HoursRule]
    let evaluator: HoursEvaluator

    public static func == (a: OpeningHours, b: OpeningHours) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
    public var description: String { text }

    /// Parses a value; errors carry the 1-based character position and a reason a clerk can act on.
    public static func parse(_ text: String) throws(OpeningHoursError) -> OpeningHours {
        var parser = try HoursParser(text: text)
        let rules = try parser.parseRules()
        return OpeningHours(text: text, rules: rules)
    }

    init(text: String, rules: [HoursRule]) {
        self.text = text
        self.rules = rules
        evaluator = HoursEvaluator(rules: rules)
    }

    /// True when some rule uses `PH`: answers in years the calendar does not cover may be `unknown`.
    public var usesPublicHolidays: Bool { evaluator.usesPublicHolidays }

    /// True when the answer for this date depends on holiday data the calendar lacks
    /// (`PH` used and the date, or the day before, is in an uncovered year).
    public func lacksHolidayData(at time: LocalDateTime, calendar: HolidayCalendar = .china) -> Bool {
        evaluator.dependsOnUnknownHolidays(dayNumber: time.dayNumber, calendar: calendar)
    }

    /// The state at a local time.
    public func state(at time: LocalDateTime, calendar: HolidayCalendar = .china) -> OpeningState {
        let day = evaluator.schedule(dayNumber: time.dayNumber, calendar: calendar)
        return StateCode.state(day.state(atMinute: time.minuteOfDay))
    }

    /// The day's schedule (used by ``CompiledHours``).
    func schedule(dayNumber: Int, calendar: HolidayCalendar) -> DaySchedule {
        evaluator.schedule(dayNumber: dayNumber, calendar: calendar)
    }

    /// How far ``nextChange(after:calendar:)`` looks ahead: 8 years of days.
    public static let searchHorizonDays = 8 * 366

    /// The first minute after `time` whose state differs from the state at `time`; nil when the state
    /// does not change within ``searchHorizonDays``.
    public func nextChange(after time: LocalDateTime, calendar: HolidayCalendar = .china) -> LocalDateTime? {
        let day = time.dayNumber
        let first = schedule(dayNumber: day, calendar: calendar)
        let current = first.state(atMinute: time.minuteOfDay)
        var minute = time.minuteOfDay
        var schedule = first
        for d in day..<(day + Self.searchHorizonDays) {
            if d != day { schedule = self.schedule(dayNumber: d, calendar: calendar); minute = -1 }
            for k in 0..<schedule.starts.count where Int(schedule.starts[k]) > minute && schedule.states[k] != current {
                return LocalDateTime(dayNumber: d, minuteOfDay: Int(schedule.starts[k]))
            }
            if d != day, schedule.states[0] != current { return LocalDateTime(dayNumber: d, minuteOfDay: 0) }
        }
        return nil
    }

    /// Maximal intervals of one state within `[from, to)`, in order; the first starts at `from`, the
    /// last ends at `to`.
    public func intervals(from: LocalDateTime, to: LocalDateTime, calendar: HolidayCalendar = .china)
        -> [(start: LocalDateTime, end: LocalDateTime, state: OpeningState)] {
        guard from < to else { return [] }
        var result: [(start: LocalDateTime, end: LocalDateTime, state: OpeningState)] = []
        var start = from
        var state = self.state(at: from, calendar: calendar)
        while start < to {
            let change = nextChange(after: start, calendar: calendar)
            let end = change.map { min($0, to) } ?? to
            result.append((start, end, state))
            start = end
            if start < to { state = self.state(at: start, calendar: calendar) }
        }
        return result
    }
}
