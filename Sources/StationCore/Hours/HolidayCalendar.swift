/// One year of official holiday data: the days off and the make-up working days (调休).
public struct HolidayYear: Sendable, Codable, Hashable {
    public var year: Int
    /// "YYYY-MM-DD" of every official day off (the whole holiday period, weekends inside it included).
    public var holidays: [String]
    /// "YYYY-MM-DD" of every make-up working day (a Saturday or Sunday declared a working day).
    public var workdays: [String]
    /// The notice the dates come from.
    public var source: String

    public init(year: Int, holidays: [String], workdays: [String], source: String) {
        self.year = year
        self.holidays = holidays
        self.workdays = workdays
        self.source = source
    }
}

/// The public-holiday calendar used for `PH` in opening hours.
///
/// Rules (documented here because evaluation depends on them):
/// - `PH` matches exactly the official days off listed for a covered year.
/// - On a make-up working day (调休, e.g. Sunday 2025-01-26) plain weekday selectors treat the day as
///   a working weekday: a weekday range matches it when the range contains at least one of Mo...Fr
///   (so `Mo-Fr 08:30-17:30` and `Mo-Su 09:00-18:00` match, `Sa-Su 10:00-16:00` and `Su` do not).
///   Constrained weekdays (`Su[1]`, `Sa[-1] +1 day`) keep their calendar meaning.
/// - For a date in a year the calendar does not cover, whether it is a holiday is unknown: a rule
///   set whose answer depends on `PH` there evaluates to `unknown`; make-up days are not applied.
/// - `SH` (school holidays): there is no school-holiday data, so `SH` matches every day, as the
///   reference implementation does without a location.
public struct HolidayCalendar: Sendable {
    /// Covered years, ascending.
    public let years: [HolidayYear]
    let coveredYears: [Int]
    /// Day numbers (days since 1970-01-01) of holidays and make-up working days, ascending.
    let holidayDays: [Int]
    let workdayDays: [Int]

    /// China (mainland): State Council notices for 2025 and 2026.
    public static let china = HolidayCalendar(years: HolidayCalendar.chinaYears)

    /// A calendar that covers no year: every `PH` question is unknown.
    public static let none = HolidayCalendar(years: [])

    /// A calendar from year records; dates that do not parse as "YYYY-MM-DD" are ignored
    /// (use ``validate(_:)`` on data read from files first).
    public init(years: [HolidayYear]) {
        let sorted = years.sorted { $0.year < $1.year }
        self.years = sorted
        coveredYears = sorted.map(\.year)
        holidayDays = sorted.flatMap { $0.holidays.compactMap(HolidayCalendar.dayNumber) }.sorted()
        workdayDays = sorted.flatMap { $0.workdays.compactMap(HolidayCalendar.dayNumber) }.sorted()
    }

    /// Reasons a year record is unusable (bad date, date outside its year, day both off and working,
    /// make-up day that is not a Saturday or Sunday); empty when fine.
    public static func validate(_ year: HolidayYear) -> [String] {
        var problems: [String] = []
        var off = Set<Int>()
        for text in year.holidays {
            guard let d = dayNumber(text) else { problems.append("holidays: '\(text)' is not a YYYY-MM-DD date"); continue }
            if CivilDate.date(dayNumber: d).year != year.year { problems.append("holidays: '\(text)' is not in \(year.year)") }
            off.insert(d)
        }
        for text in year.workdays {
            guard let d = dayNumber(text) else { problems.append("workdays: '\(text)' is not a YYYY-MM-DD date"); continue }
            if CivilDate.date(dayNumber: d).year != year.year { problems.append("workdays: '\(text)' is not in \(year.year)") }
            if off.contains(d) { problems.append("workdays: '\(text)' is also listed as a holiday") }
            if CivilDate.weekday(dayNumber: d) < 5 { problems.append("workdays: '\(text)' is a weekday, not a weekend day") }
        }
        return problems
    }

    static func dayNumber(_ text: String) -> Int? {
        guard let t = LocalDateTime(iso: text + "T00:00") else { return nil }
        return t.dayNumber
    }

    /// True when the calendar has data for the year.
    public func covers(year: Int) -> Bool {
        for y in coveredYears where y == year { return true }
        return false
    }

    /// Whether the day is an official day off; nil when its year is not covered.
    public func isPublicHoliday(dayNumber: Int) -> Bool? {
        guard covers(year: CivilDate.date(dayNumber: dayNumber).year) else { return nil }
        return Self.contains(holidayDays, dayNumber)
    }

    /// Whether the day is a make-up working day (false for uncovered years).
    public func isMakeUpWorkday(dayNumber: Int) -> Bool {
        Self.contains(workdayDays, dayNumber)
    }

    /// Whether a date is an official day off; nil when its year is not covered.
    public func isPublicHoliday(_ date: LocalDateTime) -> Bool? { isPublicHoliday(dayNumber: date.dayNumber) }

    /// Whether a date is a make-up working day.
    public func isMakeUpWorkday(_ date: LocalDateTime) -> Bool { isMakeUpWorkday(dayNumber: date.dayNumber) }

    static func contains(_ sorted: [Int], _ value: Int) -> Bool {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == value
    }
}
