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

    /// The day's schedule, merging the two holiday assumptions where the calendar is silent.
    func schedule(dayNumber day: Int, calendar: HolidayCalendar) -> DaySchedule {
        let notHoliday = paint(day: day, context: Context(calendar: calendar, assumeHoliday: false))
        guard dependsOnUnknownHolidays(dayNumber: day, calendar: calendar) else { return notHoliday }
        return paint(day: day, context: Context(calendar: calendar, assumeHoliday: true)).merged(with: notHoliday)
    }

    /// The day's 1440 minute states.
    func minutes(dayNumber day: Int, calendar: HolidayCalendar) -> [UInt8] {
        schedule(dayNumber: day, calendar: calendar).minutes
    }

    /// True when the PH answer for this day (or the day before) is unknown and could matter.
    func dependsOnUnknownHolidays(dayNumber day: Int, calendar: HolidayCalendar) -> Bool {
        usesPublicHolidays && (calendar.isPublicHoliday(dayNumber: day) == nil || calendar.isPublicHoliday(dayNumber: day - 1) == nil)
    }

    func paint(day: Int, context: Context) -> DaySchedule {
        var m = DaySchedule(all: StateCode.closed)
        let today = DayFacts(day: day, context: context)
        let yesterday = usesPreviousDay ? DayFacts(day: day - 1, context: context) : today
        rules.withUnsafeBufferPointer { rules in
            for r in rules.indices {
                let fallback = rules[r].join == .fallback
                if matches(rules[r], today, context) {
                    if rules[r].join == .normal, rules[r].state != StateCode.closed, m.starts.count > 1 || m.states[0] != StateCode.closed {
                        m.starts.removeAll(keepingCapacity: true)
                        m.states.removeAll(keepingCapacity: true)
                        m.starts.append(0)
                        m.states.append(StateCode.closed)
                    }
                    if rules[r].spans.isEmpty && !rules[r].hasTimes {
                        m.fill(0, 24 * 60, rules[r].state, onlyClosed: fallback)
                    } else {
                        for s in rules[r].spans { m.fill(s.startMinute, s.endMinute, s.state, onlyClosed: fallback) }
                    }
                }
                if rules[r].spillsPastMidnight, matches(rules[r], yesterday, context) {
                    for s in rules[r].spans where s.endMinute > 24 * 60 {
                        m.fill(s.startMinute - 24 * 60, s.endMinute - 24 * 60, s.state, onlyClosed: fallback)
                    }
                }
            }
        }
        return m
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
