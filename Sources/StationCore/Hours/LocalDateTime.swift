/// A wall-clock date and time to the minute, without a time zone ("2026-10-01T08:30").
///
/// Opening hours are written in local time, so evaluation works on these values; ``HoursTimeZone``
/// converts them to and from epoch seconds.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int

    /// A value from its fields; nil when the date does not exist or the time is outside 00:00...23:59.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
              (0...23).contains(hour), (0...59).contains(minute), (-9999...99999).contains(year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    init(dayNumber: Int, minuteOfDay: Int) {
        self.init(date: CivilDate.date(dayNumber: dayNumber), minuteOfDay: minuteOfDay)
    }

    /// A time from a calendar date already worked out (``LocalClock``) and the minute of that day.
    init(date: (year: Int, month: Int, day: Int), minuteOfDay: Int) {
        year = date.year
        month = date.month
        day = date.day
        hour = minuteOfDay / 60
        minute = minuteOfDay % 60
    }

    /// Parses "YYYY-MM-DDTHH:MM", optionally with ":SS" (dropped) and a trailing "Z" or "+08:00" /
    /// "-05:00" offset; a value with an offset is converted to wall-clock time in Asia/Shanghai (UTC+8).
    /// A space may replace the "T".
    public init?(iso: String) {
        let s = Array(iso.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                let c = s[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard s.count >= 16, s[4] == 45, s[7] == 45, s[10] == 84 || s[10] == 32 || s[10] == 116, s[13] == 58,
              let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2),
              let h = number(11, 2), let mi = number(14, 2)
        else { return nil }
        var rest = 16
        if rest < s.count, s[rest] == 58 {
            guard number(rest + 1, 2) != nil else { return nil }
            rest += 3
            if rest < s.count, s[rest] == 46 {  // fractional seconds
                rest += 1
                while rest < s.count, s[rest] >= 48, s[rest] <= 57 { rest += 1 }
            }
        }
        var offsetMinutes: Int? = nil
        if rest < s.count {
            if s[rest] == 90 || s[rest] == 122, rest + 1 == s.count {
                offsetMinutes = 0
            } else if s[rest] == 43 || s[rest] == 45, s.count == rest + 6, s[rest + 3] == 58,
                      let oh = number(rest + 1, 2), let om = number(rest + 4, 2), oh <= 14, om < 60 {
                offsetMinutes = (s[rest] == 43 ? 1 : -1) * (oh * 60 + om)
            } else {
                return nil
            }
        }
        guard let value = LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi) else { return nil }
        if let offsetMinutes {
            let utcMinutes = Int64(value.dayNumber) * 1440 + Int64(value.minuteOfDay) - Int64(offsetMinutes)
            let shanghaiMinutes = utcMinutes + 8 * 60
            let dayNumber = Int(CivilDate.floorDiv(shanghaiMinutes, 1440))
            self.init(dayNumber: dayNumber, minuteOfDay: Int(shanghaiMinutes - Int64(dayNumber) * 1440))
        } else {
            self = value
        }
    }

    /// "YYYY-MM-DDTHH:MM".
    public var isoString: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let t = String(v)
            return t.count >= width ? t : String(repeating: "0", count: width - t.count) + t
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2))"
    }

    public var description: String { isoString }

    /// Days since 1970-01-01.
    public var dayNumber: Int { CivilDate.dayNumber(year: year, month: month, day: day) }

    /// Minutes since local midnight, 0...1439.
    public var minuteOfDay: Int { hour * 60 + minute }

    /// Minutes since 1970-01-01T00:00 of the wall clock (a total order on local times).
    var totalMinutes: Int64 { Int64(dayNumber) * 1440 + Int64(minuteOfDay) }

    init(totalMinutes: Int64) {
        let day = Int(CivilDate.floorDiv(totalMinutes, 1440))
        self.init(dayNumber: day, minuteOfDay: Int(totalMinutes - Int64(day) * 1440))
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute) < (b.year, b.month, b.day, b.hour, b.minute)
    }
}
