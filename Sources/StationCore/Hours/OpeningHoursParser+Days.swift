/// Day selectors: weekdays, ranges, `[n]` constraints, offsets, `PH`, `SH`, "weekend".
extension HoursParser {
    /// One comma-separated group: `Mo-Fr`, `Mo,Th,Sa-Su`, `We[4-5]`, `Sa[-1] +3 days`, `PH,Su`.
    mutating func parseDayList() throws(OpeningHoursError) -> [DayItem] {
        var items: [DayItem] = []
        while true {
            guard let t = peek(), t.kind == .word else { throw fail("expected a weekday, PH or SH, found \(describe(peek()))") }
            if t.text == "ph" || t.text == "sh" {
                i += 1
                items.append(.holiday(school: t.text == "sh", offsetDays: try parseDayOffset()))
            } else if HoursVocabulary.isWeekend(t.text) {
                i += 1
                items.append(.weekdays(from: 5, to: 6, nth: [], offsetDays: 0))
            } else if t.weekday >= 0 {
                let first = t.weekday
                i += 1
                skipAbbreviationDot()
                var last = first
                if peek()?.isSymbol("-") == true, let n = peek(1), n.weekday >= 0 {
                    let wd = n.weekday
                    i += 2
                    skipAbbreviationDot()
                    last = wd
                } else if peek()?.isSymbol("-") == true, let n = peek(1), n.kind == .word {
                    throw fail("'\(n.text)' is not a weekday; use Mo Tu We Th Fr Sa Su", at: n.position)
                }
                var nth: [Int] = []
                if peek()?.isSymbol("[") == true {
                    nth = try parseNthList()
                }
                let offset = nth.isEmpty ? 0 : try parseDayOffset()
                items.append(.weekdays(from: first, to: last, nth: nth, offsetDays: offset))
            } else {
                throw fail("'\(t.text)' is not a weekday; use Mo Tu We Th Fr Sa Su")
            }
            if isListComma(peek()), isDayWord(peek(1)) {
                i += 1
                continue
            }
            return items
        }
    }

    mutating func skipAbbreviationDot() {
        if let t = peek(), t.isSymbol("."), !t.spaced { i += 1 }
    }

    /// `[1]`, `[-1]`, `[4-5]`, `[1,3]`, `[-1,-2]`.
    mutating func parseNthList() throws(OpeningHoursError) -> [Int] {
        i += 1  // "["
        var values: [Int] = []
        func signed(_ p: inout HoursParser) throws(OpeningHoursError) -> Int {
            var negative = false
            if p.peek()?.isSymbol("-") == true { negative = true; p.i += 1 }
            let n = try p.expectNumber("a number 1...5 or -1...-5 in brackets")
            guard (1...5).contains(n.value) else { throw p.fail("the number in brackets must be 1...5 or -1...-5", at: n.position) }
            return negative ? -n.value : n.value
        }
        while true {
            let a = try signed(&self)
            if peek()?.isSymbol("-") == true {
                i += 1
                let b = try signed(&self)
                guard (a > 0) == (b > 0), a <= b else { throw fail("the bracket range \(a)-\(b) must run forwards with the same sign") }
                values.append(contentsOf: a...b)
            } else {
                values.append(a)
            }
            if peek()?.isSymbol(",") == true { i += 1; continue }
            guard peek()?.isSymbol("]") == true else { throw fail("expected ']' to close the bracket, found \(describe(peek()))") }
            i += 1
            return values
        }
    }
}
