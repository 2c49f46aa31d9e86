/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), no time zone.
///
/// The algorithms are Howard Hinnant's `days_from_civil` / `civil_from_days`, exact for any Int year.
enum CivilDate {
    /// Days since 1970-01-01 of the given date (month 1...12, day 1...31, not validated).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The (year, month, day) of a day number.
    static func date(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Weekday of a day number, 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(dayNumber: Int) -> Int {
        let w = (dayNumber + 3) % 7
        return w < 0 ? w + 7 : w
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601 week number (1...53) of a day number: weeks start on Monday, week 1 holds the
    /// year's first Thursday.
    static func isoWeek(dayNumber: Int) -> Int {
        let thursday = dayNumber - weekday(dayNumber: dayNumber) + 3
        let year = date(dayNumber: thursday).year
        let firstDay = Self.dayNumber(year: year, month: 1, day: 1)
        return (thursday - firstDay) / 7 + 1
    }

    /// Day number of Western (Gregorian) Easter Sunday of a year (anonymous Gregorian algorithm).
    static func easter(year: Int) -> Int {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return dayNumber(year: year, month: month, day: day)
    }

    /// Floor division for possibly negative numerators.
    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
