/// A time range as written, before open ends are resolved (minutes from the rule's midnight).
struct RawSpan {
    var start: Int
    var end: Int?
    var openEnd: Bool
}

/// Time selectors: `08:30-17:30`, `22:00-02:00`, `10:00+`, `sunrise-sunset`, `(sunrise+01:00)`, and the
/// lenient `10-12`, `9 – 12 Uhr`, `10.00`, `10am`.
extension HoursParser {
    mutating func parseTimeList() throws(OpeningHoursError) -> [RawSpan] {
        var spans: [RawSpan] = []
        while true {
            spans.append(try parseTimeSpan())
            while peek()?.isWord("uhr") == true || peek()?.isWord("h") == true { i += 1 }
            if peek()?.isSymbol(",") == true, startsTime(1) {
                i += 1
                continue
            }
            if startsTime(0) { continue }  // "12:00-14:00 16:00-18:00"
            return spans
        }
    }

    mutating func parseTimeSpan() throws(OpeningHoursError) -> RawSpan {
        let startPosition = here
        let start = try parseTime(isEnd: false)
        guard start <= 24 * 60 else { throw fail("a time range must start by 24:00", at: startPosition) }
        while peek()?.isWord("uhr") == true || peek()?.isWord("h") == true { i += 1 }
        if peek()?.isSymbol("+") == true {
            i += 1
            return RawSpan(start: start, end: nil, openEnd: true)
        }
        guard peek()?.isSymbol("-") == true else {
            throw fail("expected '-' and an end time after the time (like 08:30-17:30), or '+' for an open end; found \(describe(peek()))")
        }
        i += 1
        let endPosition = here
        let end = try parseTime(isEnd: true)
        guard end <= 48 * 60 else { throw fail("a time range must end by 48:00 (midnight of the next day)", at: endPosition) }
        var openEnd = false
        if peek()?.isSymbol("+") == true {
            i += 1
            openEnd = true
        }
        if peek()?.isSymbol("/") == true {
            throw fail("repeating times ('/' after a time range) are not supported; list the times instead")
        }
        return RawSpan(start: start, end: end, openEnd: openEnd)
    }

    /// One time of day in minutes (may exceed 24:00 for ends).
    mutating func parseTime(isEnd: Bool) throws(OpeningHoursError) -> Int {
        guard let t = peek() else { throw fail("expected a time like 08:30, found the end of the value") }
        if t.isSymbol("(") {
            i += 1
            guard let w = peek(), w.kind == .word, let base = HoursVocabulary.event(w.text) else {
                throw fail("expected sunrise, sunset, dawn or dusk after '('")
            }
            i += 1
            guard let sign = peek(), sign.isSymbol("+") || sign.isSymbol("-") else { throw fail("expected '+' or '-' and an offset like 01:00 after \(w.text)") }
            i += 1
            let h = try expectNumber("an offset like 01:00")
            guard peek()?.isSymbol(":") == true else { throw fail("expected ':' in the offset (like 00:30)") }
            i += 1
            let m = try expectNumber("minutes of the offset")
            guard m.value < 60 else { throw fail("minutes must be 00...59", at: m.position) }
            guard peek()?.isSymbol(")") == true else { throw fail("expected ')' after the offset") }
            i += 1
            let offset = h.value * 60 + m.value
            return max(0, sign.text == "+" ? base + offset : base - offset)
        }
        if t.kind == .word, let base = HoursVocabulary.event(t.text) {
            i += 1
            return base
        }
        guard t.kind == .number, t.digits <= 2 else {
            throw fail("expected a time like 08:30, found \(describe(t))")
        }
        i += 1
        var hours = t.value
        var minutes = 0
        if let sep = peek(), sep.isSymbol(":") || (sep.isSymbol(".") && !sep.spaced), let m = peek(1), m.kind == .number, !m.spaced {
            guard m.digits == 2 else { throw fail("minutes need two digits (like 08:05)", at: m.position) }
            guard m.value < 60 else { throw fail("minutes must be 00...59", at: m.position) }
            minutes = m.value
            i += 2
        } else if peek()?.isSymbol(":") == true {
            throw fail("expected two digits of minutes after ':'")
        }
        // am / pm (also "a.m." and "p.m.")
        if let w = peek(), w.kind == .word {
            var pm: Bool?
            if w.text == "am" || w.text == "pm" {
                pm = w.text == "pm"
                i += 1
            } else if (w.text == "a" || w.text == "p"), peek(1)?.isSymbol(".") == true, peek(2)?.isWord("m") == true {
                pm = w.text == "p"
                i += 3
                if peek()?.isSymbol(".") == true { i += 1 }
            }
            if let pm {
                guard (1...12).contains(hours) else { throw fail("with am/pm the hour must be 1...12", at: t.position) }
                hours = hours % 12 + (pm ? 12 : 0)
            }
        }
        return hours * 60 + minutes
    }

    /// Turns written spans into painted spans: overnight ends move to the next day, open ends
    /// (`+`) become `unknown` until the next listed start or a fixed horizon (the reference's rule:
    /// from 22:00 eight hours, from 17:00 ten hours, otherwise until midnight).
    func resolve(_ raw: [RawSpan], state: UInt8) -> [TimeSpan] {
        var spans: [TimeSpan] = []
        let openEndState = state == StateCode.open ? StateCode.unknown : state
        for (k, r) in raw.enumerated() {
            var openEndStart: Int?
            if let rawEnd = r.end {
                var end = rawEnd
                if end <= r.start { end += 24 * 60 }
                end = min(end, 48 * 60)
                spans.append(TimeSpan(startMinute: r.start, endMinute: end, state: state))
                if r.openEnd { openEndStart = end }
            } else if r.openEnd {
                openEndStart = r.start
            }
            if let from = openEndStart {
                var to: Int
                if from >= 22 * 60 { to = from + 8 * 60 } else if from >= 17 * 60 { to = from + 10 * 60 } else { to = 24 * 60 }
                for (j, other) in raw.enumerated() where j != k && other.start > from {
                    to = min(to, other.start)
                }
                to = min(to, 48 * 60)
                if to > from { spans.append(TimeSpan(startMinute: from, endMinute: to, state: openEndState)) }
            }
        }
        return spans
    }
}
