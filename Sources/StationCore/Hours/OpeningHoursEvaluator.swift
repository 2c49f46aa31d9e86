/// Paints one local day from the rules: the heart of the evaluation.
///
/// For each rule in order: when its day selectors match the day, a normal (`;`) rule that opens
/// (open or unknown) first resets the whole day to closed (this also removes the night spill of the
/// day before), then its times are painted; when its selectors matched the previous day, its times
/// after midnight are painted onto this day. Fallback (`||`) rules paint only minutes still closed.
struct HoursEvaluator: Sendable {
    let rules: [HoursRule]
    let usesPublicHolidays: Bool
    let usesPreviousDay: Bool

    init(rules: [HoursRule]) {
        self.rules = rules
        usesPublicHolidays = rules.contains { $0.usesPublicHolidays }
        usesPreviousDay = rules.contains { r in r.spans.contains { $0.endMinute > 24 * 60 } }
    }

    /// Holiday facts for one evaluation; uncovered years read as `assumeHoliday`.
    struct Context {
        let calendar: HolidayCalendar
        let assumeHoliday: Bool

        func isHoliday(_ day: Int) -> Bool { calendar.isPublicHoliday(dayNumber: day) ?? assumeHoliday }
    }

    /// The day's minute states, merging the two holiday assumptions where the calendar is silent.
    func schedule(dayNumber day: Int, calendar: HolidayCalendar) -> DaySchedule {
        DaySchedule(minutes: minutes(dayNumber: day, calendar: calendar))
    }

    func minutes(dayNumber day: Int, calendar: HolidayCalendar) -> [UInt8] {
        let notHoliday = paint(day: day, context: Context(calendar: calendar, assumeHoliday: false))
        guard usesPublicHolidays,
              calendar.isPublicHoliday(dayNumber: day) == nil || calendar.isPublicHoliday(dayNumber: day - 1) == nil
        else { return notHoliday }
        var holiday = paint(day: day, context: Context(calendar: calendar, assumeHoliday: true))
        for m in 0..<holiday.count where holiday[m] != notHoliday[m] { holiday[m] = StateCode.unknown }
        return holiday
    }

    /// True when the PH answer for this day (or the day before) is unknown and could matter.
    func dependsOnUnknownHolidays(dayNumber day: Int, calendar: HolidayCalendar) -> Bool {
        usesPublicHolidays && (calendar.isPublicHoliday(dayNumber: day) == nil || calendar.isPublicHoliday(dayNumber: day - 1) == nil)
    }

    func paint(day: Int, context: Context) -> [UInt8] {
        var m = [UInt8](repeating: StateCode.closed, count: 24 * 60)
        let today = DayFacts(day: day, context: context)
        let yesterday = DayFacts(day: day - 1, context: context)
        for rule in rules {
            if matches(rule, today, context) {
                if rule.join == .normal, rule.state != StateCode.closed {
                    for k in 0..<m.count { m[k] = StateCode.closed }
                }
                if rule.spans.isEmpty && !rule.hasTimes {
                    fill(&m, 0, 24 * 60, rule.state, rule.join == .fallback)
                } else {
                    for s in rule.spans { fill(&m, s.startMinute, min(s.endMinute, 24 * 60), s.state, rule.join == .fallback) }
                }
            }
            if rule.spans.contains(where: { $0.endMinute > 24 * 60 }), matches(rule, yesterday, context) {
                for s in rule.spans where s.endMinute > 24 * 60 {
                    fill(&m, max(s.startMinute - 24 * 60, 0), s.endMinute - 24 * 60, s.state, rule.join == .fallback)
                }
            }
        }
        return m
    }

    @inline(__always)
    func fill(_ m: inout [UInt8], _ from: Int, _ to: Int, _ state: UInt8, _ onlyClosed: Bool) {
        guard from < to else { return }
        if onlyClosed {
            for k in from..<to where m[k] == StateCode.closed { m[k] = state }
        } else {
            for k in from..<to { m[k] = state }
        }
    }

    /// Calendar facts of one day used by the selectors.
    struct DayFacts {
        let day: Int
        let year: Int
        let month: Int
        let dayOfMonth: Int
        let weekday: Int
        let makeUpWorkday: Bool

        init(day: Int, context: Context) {
            self.day = day
            let d = CivilDate.date(dayNumber: day)
            year = d.year
            month = d.month
            dayOfMonth = d.day
            weekday = CivilDate.weekday(dayNumber: day)
            makeUpWorkday = context.calendar.isMakeUpWorkday(dayNumber: day)
        }
    }

    func matches(_ rule: HoursRule, _ f: DayFacts, _ context: Context) -> Bool {
        for w in rule.wide where !HoursMatching.matches(w, f) { return false }
        for group in rule.days where !HoursMatching.matches(group, f, context) { return false }
        return true
    }
}
