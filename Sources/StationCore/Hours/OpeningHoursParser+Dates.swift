/// Wide-range selectors: years, months, month days, easter, ISO weeks.
extension HoursParser {
    mutating func expectNumber(_ what: String) throws(OpeningHoursError) -> HoursToken {
        guard let t = peek(), t.kind == .number else { throw fail("expected \(what), found \(describe(peek()))") }
        i += 1
        return t
    }

    /// `2013,2015,2050-2053,2055/2,2060+`.
    mutating func parseYearList() throws(OpeningHoursError) -> [YearRange] {
        var items: [YearRange] = []
        while true {
            let first = try expectNumber("a year like 2026")
            var range = YearRange(from: first.value, to: first.value, step: 1)
            if peek()?.isSymbol("+") == true {
                i += 1
                range.to = Int.max
            } else if peek()?.isSymbol("-") == true, isYear(1) {
                i += 1
                let last = try expectNumber("a year")
                guard last.value >= first.value else { throw fail("the year range \(first.value)-\(last.value) runs backwards", at: last.position) }
                range.to = last.value
            }
            if peek()?.isSymbol("/") == true {
                i += 1
                let step = try expectNumber("a year step after '/'")
                guard step.value >= 1 else { throw fail("a year step must be at least 1", at: step.position) }
                range.step = step.value
                if range.to == range.from { range.to = Int.max }
            }
            items.append(range)
            if peek()?.isSymbol(",") == true, isYear(1), !isMonth(peek(2)) { i += 1; continue }
            return items
        }
    }

    /// `week 01-53/2`, `week 01,03`, `week 01,week 03`.
    mutating func parseWeekList() throws(OpeningHoursError) -> [WeekRange] {
        i += 1  // "week"
        var items: [WeekRange] = []
        while true {
            let first = try expectNumber("a week number 01...53 after 'week'")
            guard (1...53).contains(first.value) else { throw fail("week numbers run from 01 to 53", at: first.position) }
            var range = WeekRange(from: first.value, to: first.value, step: 1)
            if peek()?.isSymbol("-") == true, peek(1)?.kind == .number {
                i += 1
                let last = try expectNumber("a week number")
                guard (1...53).contains(last.value) else { throw fail("week numbers run from 01 to 53", at: last.position) }
                range.to = last.value
            }
            if peek()?.isSymbol("/") == true {
                i += 1
                let step = try expectNumber("a week step after '/'")
                guard step.value >= 1 else { throw fail("a week step must be at least 1", at: step.position) }
                range.step = step.value
            }
            items.append(range)
            if peek()?.isSymbol(",") == true {
                if peek(1)?.kind == .number, !startsClockTime(1) { i += 1; continue }
                if peek(1)?.isWord("week") == true { i += 2; continue }
            }
            return items
        }
    }

    /// `+2 days` / `-1 day` after a date or constrained weekday; 0 when absent.
    mutating func parseDayOffset() throws(OpeningHoursError) -> Int {
        guard let sign = peek(), sign.isSymbol("+") || sign.isSymbol("-"),
              let n = peek(1), n.kind == .number, let unit = peek(2), unit.isWord("day") || unit.isWord("days")
        else { return 0 }
        i += 3
        return sign.text == "+" ? n.value : -n.value
    }

    /// A day of month after a month name; skips a trailing '.' (`Dec 24.`).
    mutating func parseMonthDay(month: Int) throws(OpeningHoursError) -> Int {
        let d = try expectNumber("a day of the month")
        guard d.digits <= 2, d.value >= 1, d.value <= CivilDate.daysInMonth(year: 2000, month: month) else {
            throw fail("day \(d.value) does not exist in month \(month)", at: d.position)
        }
        if peek()?.isSymbol(".") == true, !(peek(1)?.kind == .number && peek(1)?.spaced == false) { i += 1 }
        return d.value
    }

    /// `Su[2]` after a month name.
    mutating func parseNthWeekdayAnchor(month: Int) throws(OpeningHoursError) -> DateAnchor {
        guard let t = peek(), t.weekday >= 0 else { throw fail("expected a weekday") }
        let wd = t.weekday
        i += 1
        guard peek()?.isSymbol("[") == true else { throw fail("a weekday in a date needs a number in brackets, like Su[2] or Su[-1]") }
        i += 1
        var negative = false
        if peek()?.isSymbol("-") == true { negative = true; i += 1 }
        let n = try expectNumber("a number 1...5 or -1...-5 in brackets")
        guard (1...5).contains(n.value) else { throw fail("the number in brackets must be 1...5 or -1...-5", at: n.position) }
        guard peek()?.isSymbol("]") == true else { throw fail("expected ']' to close the bracket") }
        i += 1
        return .nthWeekday(month: month, weekday: wd, nth: negative ? -n.value : n.value)
    }

    /// A point that starts or ends a date range: `[YYYY] Mon DD`, `Mon Su[n]`, `easter`, plus offset.
    mutating func parseDatePoint(year: Int?, defaultMonth: Int?) throws(OpeningHoursError) -> DatePoint? {
        var anchor: DateAnchor
        if peek()?.isWord("easter") == true {
            i += 1
            anchor = .easter
        } else if let t = peek(), t.month > 0 {
            let m = t.month
            guard let n = peek(1) else { return nil }
            if isDayNumber(1) {
                i += 1
                anchor = .fixed(month: m, day: try parseMonthDay(month: m))
            } else if isWeekday(n), peek(2)?.isSymbol("[") == true {
                i += 1
                anchor = try parseNthWeekdayAnchor(month: m)
            } else {
                return nil
            }
        } else if let m = defaultMonth, isDayNumber(0) {
            anchor = .fixed(month: m, day: try parseMonthDay(month: m))
        } else {
            return nil
        }
        let offset = try parseDayOffset()
        return DatePoint(year: year, anchor: anchor, offsetDays: offset)
    }

    /// A list of months and dates: `Jan 01,Dec 24-26`, `Nov-Feb`, `2013 Dec 31-2014 Jan 02`,
    /// `Jan 01,Dec 11,15-17,19-23/2`, `Dec 25-easter`, `Mar Su[-1]-Oct Su[-1] -1 day`.
    mutating func parseDateList() throws(OpeningHoursError) -> [DateItem] {
        var items: [DateItem] = []
        var contextMonth: Int?
        while true {
            var year: Int?
            if isYear(0) {
                year = peek()!.value
                i += 1
            }
            let startPosition = here
            if let t = peek(), t.month > 0, case let m = t.month,
               peek(1).map({ !isDayNumber(1) && !(isWeekday($0) && peek(2)?.isSymbol("[") == true) }) ?? true {
                // A month or month range.
                i += 1
                if peek()?.isSymbol(".") == true, peek()?.spaced == false { i += 1 }
                var last = m
                if peek()?.isSymbol("-") == true, let n = peek(1), n.month > 0, case let m2 = n.month,
                   !isDayNumber(2) {
                    i += 2
                    if peek()?.isSymbol(".") == true, peek()?.spaced == false { i += 1 }
                    last = m2
                }
                items.append(.months(year: year, from: m, to: last))
                contextMonth = last
            } else {
                guard let start = try parseDatePoint(year: year, defaultMonth: year == nil ? contextMonth : nil) else {
                    throw fail("expected a month or date like 'Dec 24' or 'Jan-Mar', found \(describe(peek()))", at: startPosition)
                }
                var startMonth: Int? = nil
                if case .fixed(let m, _) = start.anchor { startMonth = m }
                if case .nthWeekday(let m, _, _) = start.anchor { startMonth = m }
                var end: DatePoint?
                if peek()?.isSymbol("-") == true {
                    let save = i
                    i += 1
                    var endYear: Int?
                    if isYear(0) {
                        endYear = peek()!.value
                        i += 1
                    }
                    if let point = try parseDatePoint(year: endYear, defaultMonth: endYear == nil ? startMonth : nil) {
                        end = point
                    } else {
                        i = save
                    }
                }
                if end == nil, start.year != nil, case .fixed = start.anchor {
                    // single absolute day
                }
                var period = 1
                if peek()?.isSymbol("/") == true {
                    i += 1
                    let p = try expectNumber("a day step after '/'")
                    guard p.value >= 1 else { throw fail("a day step must be at least 1", at: p.position) }
                    period = p.value
                }
                if let end, end.year == nil, start.year != nil {
                    // "2012 Jan 23-31": the end shares the start's year.
                    var e = end
                    e.year = start.year
                    if let s = start.resolve(inYear: 0), let ee = e.resolve(inYear: 0), ee < s, start.year != nil {
                        e.year = start.year! + 1
                    }
                    items.append(.days(start: start, end: e, period: period))
                } else {
                    items.append(.days(start: start, end: end, period: period))
                }
                if case .fixed(let m, _)? = end?.anchor { contextMonth = m } else { contextMonth = startMonth }
            }
            // Continue the list after a comma when a month, date, year or day number follows.
            if peek()?.isSymbol(",") == true, let n = peek(1) {
                if isMonth(n) || n.isWord("easter") || (isYear(1) && (isMonth(peek(2)) || peek(2)?.isWord("easter") == true)) {
                    i += 1
                    continue
                }
                if contextMonth != nil, n.kind == .number, isDayNumber(1) {
                    i += 1
                    continue
                }
            }
            return items
        }
    }
}
