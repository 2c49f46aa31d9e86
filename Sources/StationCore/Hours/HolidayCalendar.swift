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
    /// All data in one immutable object, so copying a calendar costs a single reference count.
    final class Storage: Sendable {
        let years: [HolidayYear]
        let coveredYears: [Int]
        /// Day numbers (days since 1970-01-01) of holidays and make-up working days, ascending.
        let holidayDays: [Int]
        let workdayDays: [Int]
        /// Per-day flags from Jan 1 of the first covered year to Dec 31 of the last (bit 0: covered,
        /// bit 1: holiday, bit 2: make-up working day), for O(1) lookups.
        let flagsFirstDay: Int
        let flags: [UInt8]

        init(years: [HolidayYear], coveredYears: [Int], holidayDays: [Int], workdayDays: [Int], flagsFirstDay: Int, flags: [UInt8]) {
            self.years = years
            self.coveredYears = coveredYears
            self.holidayDays = holidayDays
            self.workdayDays = workdayDays
            self.flagsFirstDay = flagsFirstDay
            self.flags = flags
        }
    }
    let storage: Storage

    /// Covered years, ascending.
    public var years: [HolidayYear] { storage.years }
    var coveredYears: [Int] { storage.coveredYears }
    var holidayDays: [Int] { storage.holidayDays }
    var workdayDays: [Int] { storage.workdayDays }
    var flagsFirstDay: Int { storage.flagsFirstDay }
    var flags: [UInt8] { storage.flags }

    /// China (mainland): State Council notices for 2025 and 2026.
    public static let china = HolidayCalendar(years: HolidayCalendar.chinaYears)

    /// A calendar that covers no year: every `PH` question is unknown.
    public static let none = HolidayCalendar(years: [])

    /// A calendar from year records; dates that do not parse as "YYYY-MM-DD" are ignored
    /// (use ``validate(_:)`` on data read from files first).
    public init(years: [HolidayYear]) {
        let sorted = years.sorted { $0.year < $1.year }
        let holidayDays = sorted.flatMap { $0.holidays.compactMap(HolidayCalendar.dayNumber) }.sorted()
        let workdayDays = sorted.flatMap { $0.workdays.compactMap(HolidayCalendar.dayNumber) }.sorted()
        var start = 0
        var f: [UInt8] = []
        if let first = sorted.first?.year, let last = sorted.last?.year {
            start = CivilDate.dayNumber(year: first, month: 1, day: 1)
            let end = CivilDate.dayNumber(year: last + 1, month: 1, day: 1)
            f = [UInt8](repeating: 0, count: end - start)
            for y in sorted {
                let a = CivilDate.dayNumber(year: y.year, month: 1, day: 1) - start
                let b = CivilDate.dayNumber(year: y.year + 1, month: 1, day: 1) - start
                for k in a..<b { f[k] |= 1 }
            }
            for d in holidayDays where d >= start && d < end { f[d - start] |= 2 }
            for d in workdayDays where d >= start && d < end { f[d - start] |= 4 }
        }
        storage = Storage(years: sorted, coveredYears: sorted.map(\.year), holidayDays: holidayDays,
                          workdayDays: workdayDays, flagsFirstDay: start, flags: f)
    }

    /// Flags of a day: bit 0 covered, bit 1 holiday, bit 2 make-up working day (0: not covered).
    @inline(__always)
    func dayFlags(_ dayNumber: Int) -> UInt8 {
        let s = storage
        let k = dayNumber - s.flagsFirstDay
        return k >= 0 && k < s.flags.count ? s.flags[k] : 0
    }

    /// First and last day number (inclusive) the flags table spans; nil for an empty calendar.
    var coveredSpan: ClosedRange<Int>? { flags.isEmpty ? nil : flagsFirstDay...(flagsFirstDay + flags.count - 1) }

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
        let f = dayFlags(dayNumber)
        return f & 1 == 0 ? nil : f & 2 != 0
    }

    /// Whether the day is a make-up working day (false for uncovered years).
    public func isMakeUpWorkday(dayNumber: Int) -> Bool {
        dayFlags(dayNumber) & 4 != 0
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
