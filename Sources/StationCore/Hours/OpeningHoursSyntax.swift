/// The parsed form of an opening_hours value: rules with their selectors, times already resolved
/// to minutes (variable times use fixed values, as the reference does without coordinates).

/// The state of a place at an instant.
public enum OpeningState: String, Sendable, Codable, CaseIterable {
    case open, closed, unknown
}

/// Compact state code used in day tables.
enum StateCode {
    static let closed: UInt8 = 0
    static let open: UInt8 = 1
    static let unknown: UInt8 = 2

    static func state(_ code: UInt8) -> OpeningState {
        code == open ? .open : (code == unknown ? .unknown : .closed)
    }

    static func code(_ state: OpeningState) -> UInt8 {
        switch state {
        case .open: return open
        case .closed: return closed
        case .unknown: return unknown
        }
    }
}

/// How a rule joins the rules before it.
enum RuleJoin: Sendable, Hashable {
    /// `;` (and the first rule): a matching open/unknown rule replaces the whole day.
    case normal
    /// `,`: adds to what earlier rules said.
    case additional
    /// `||`: applies only where the earlier rules leave the place closed.
    case fallback
}

struct YearRange: Sendable, Hashable {
    var from: Int
    var to: Int  // Int.max for "2060+"
    var step: Int

    func matches(_ year: Int) -> Bool {
        year >= from && year <= to && (year - from) % step == 0
    }
}

struct WeekRange: Sendable, Hashable {
    var from: Int
    var to: Int
    var step: Int

    func matches(_ week: Int) -> Bool {
        if from <= to { return week >= from && week <= to && (week - from) % step == 0 }
        // wrapping (week 50-02)
        return (week >= from || week <= to) && ((week - from + 53) % 53) % step == 0
    }
}

/// A day named in a date selector, before a year is chosen.
enum DateAnchor: Sendable, Hashable {
    case fixed(month: Int, day: Int)
    /// `Jan Su[2]`, `Mar Su[-1]`.
    case nthWeekday(month: Int, weekday: Int, nth: Int)
    case easter
}

struct DatePoint: Sendable, Hashable {
    var year: Int?
    var anchor: DateAnchor
    var offsetDays: Int

    /// Day number in a given year, nil when it does not exist there (Feb 29, a fifth Sunday).
    func resolve(inYear fallbackYear: Int) -> Int? {
        let y = year ?? fallbackYear
        switch anchor {
        case .fixed(let m, let d):
            guard d <= CivilDate.daysInMonth(year: y, month: m) else { return nil }
            return CivilDate.dayNumber(year: y, month: m, day: d) + offsetDays
        case .nthWeekday(let m, let wd, let nth):
            let first = CivilDate.dayNumber(year: y, month: m, day: 1)
            let length = CivilDate.daysInMonth(year: y, month: m)
            if nth > 0 {
                let firstMatch = first + (wd - CivilDate.weekday(dayNumber: first) + 7) % 7
                let day = firstMatch + (nth - 1) * 7
                return day < first + length ? day + offsetDays : nil
            }
            let last = first + length - 1
            let lastMatch = last - (CivilDate.weekday(dayNumber: last) - wd + 7) % 7
            let day = lastMatch + (nth + 1) * 7
            return day >= first ? day + offsetDays : nil
        case .easter:
            return CivilDate.easter(year: y) + offsetDays
        }
    }
}

enum DateItem: Sendable, Hashable {
    /// A month range (wrapping, `Nov-Feb`), optionally in one year (`2012 Nov-Dec`).
    case months(year: Int?, from: Int, to: Int)
    /// A day or range of days (`Dec 24`, `Dec 24-26`, `Jan 01-31/8`, `2013 Dec 31-2014 Jan 02`).
    case days(start: DatePoint, end: DatePoint?, period: Int)
}

/// One selector of the wide range; the groups of a rule must all match.
enum WideSelector: Sendable, Hashable {
    case years([YearRange])
    case dates([DateItem])
    case weeks([WeekRange])
}

enum DayItem: Sendable, Hashable {
    /// A weekday range (0 = Mo ... 6 = Su, may wrap), optional `[n]` constraints, day offset.
    case weekdays(from: Int, to: Int, nth: [Int], offsetDays: Int)
    /// `PH` (public holiday) or `SH` (school holiday), with a day offset (`PH +1 day`).
    case holiday(school: Bool, offsetDays: Int)
}

/// A painted span of a rule's day, in minutes from that day's midnight (end may reach 2880).
struct TimeSpan: Sendable, Hashable {
    var startMinute: Int
    var endMinute: Int
    var state: UInt8
}

struct HoursRule: Sendable, Hashable {
    var join: RuleJoin
    var wide: [WideSelector] = []
    /// Groups of day items: items in a group are alternatives, groups must all match (`SH Mo-Fr`).
    var days: [[DayItem]] = []
    /// Empty: the whole day.
    var spans: [TimeSpan] = []
    var hasTimes = false
    /// True when some span runs past midnight into the next day.
    var spillsPastMidnight = false
    var state: UInt8 = StateCode.open
    var comment: String?
    /// Text position (1-based) where the rule starts.
    var position: Int = 1

    var usesPublicHolidays: Bool {
        days.contains { $0.contains { if case .holiday(false, _) = $0 { return true } else { return false } } }
    }

    /// True when the rule depends only on the weekday and the holiday flags of the day
    /// (no dates, weeks, years, `[n]` or day offsets).
    var isWeekly: Bool {
        guard wide.isEmpty else { return false }
        for group in days {
            for item in group {
                switch item {
                case .weekdays(_, _, let nth, let offset): if !nth.isEmpty || offset != 0 { return false }
                case .holiday(_, let offset): if offset != 0 { return false }
                }
            }
        }
        return true
    }
}
