/// Recursive-descent reader of opening_hours values into ``HoursRule``s.
///
/// Grammar (OSM opening_hours, with the lenient forms real data needs):
/// rules joined by `;` `,` `||`; each rule: wide selectors (years, months, dates, weeks), day
/// selectors (weekdays, `[n]`, `PH`, `SH`), times, a state keyword and a quoted comment, in any order.
struct HoursParser {
    let tokens: [HoursToken]
    let textLength: Int
    var i = 0

    init(text: String) throws(OpeningHoursError) {
        tokens = try HoursLexer.tokenize(text)
        textLength = text.unicodeScalars.count
    }

    // MARK: token helpers

    func peek(_ k: Int = 0) -> HoursToken? { i + k < tokens.count ? tokens[i + k] : nil }
    var here: Int { peek()?.position ?? textLength + 1 }

    func fail(_ reason: String, at position: Int? = nil) -> OpeningHoursError {
        OpeningHoursError(position: position ?? here, reason: reason)
    }

    func describe(_ t: HoursToken?) -> String {
        guard let t else { return "the end of the value" }
        switch t.kind {
        case .number: return "'\(t.value)'"
        case .word: return "'\(t.text)'"
        case .comment: return "a comment"
        case .symbol: return t.text == "|" ? "'||'" : "'\(t.text)'"
        }
    }

    func isMonth(_ t: HoursToken?) -> Bool { (t?.month ?? -1) > 0 }
    func isWeekday(_ t: HoursToken?) -> Bool { (t?.weekday ?? -1) >= 0 }
    func isDayWord(_ t: HoursToken?) -> Bool {
        t?.isDayKeyword ?? false
    }
    func isYear(_ k: Int) -> Bool {
        guard let t = peek(k), t.kind == .number, t.digits == 4 else { return false }
        return !(peek(k + 1)?.isSymbol(":") ?? false)
    }
    /// True when the token at k starts a time: `10:00`, `10.00`, `10-`, `10am`, `(sunrise`, `sunset`.
    func startsTime(_ k: Int) -> Bool {
        guard let t = peek(k) else { return false }
        if t.isSymbol("(") { return true }
        if t.kind == .word { return HoursVocabulary.event(t.text) != nil }
        guard t.kind == .number, t.digits <= 2 else { return false }
        guard let n = peek(k + 1) else { return false }
        if n.isSymbol(":") { return peek(k + 2)?.kind == .number && !peek(k + 2)!.spaced }
        if n.isSymbol("."), let m = peek(k + 2), m.kind == .number, m.digits == 2, !m.spaced { return true }
        if n.isSymbol("-") || n.isSymbol("+") { return true }
        if n.kind == .word, n.text == "am" || n.text == "pm" || n.text == "uhr" || n.text == "h" || n.text == "a" || n.text == "p" { return true }
        return false
    }
    /// True when the token at k is a clock time (`10:00`, `10.00`, `10am`), not a bare number.
    func startsClockTime(_ k: Int) -> Bool {
        guard let t = peek(k), t.kind == .number, t.digits <= 2, let n = peek(k + 1) else { return false }
        if n.isSymbol(":"), let m = peek(k + 2), m.kind == .number, !m.spaced { return true }
        if n.isSymbol("."), let m = peek(k + 2), m.kind == .number, m.digits == 2, !m.spaced, !n.spaced { return true }
        if n.kind == .word, n.text == "am" || n.text == "pm" { return true }
        return false
    }
    /// True when the token at k reads as a day of the month (1...31 and not a clock time).
    func isDayNumber(_ k: Int) -> Bool {
        guard let t = peek(k), t.kind == .number, t.digits <= 2, t.value >= 1, t.value <= 31 else { return false }
        return !startsClockTime(k)
    }
    func isListComma(_ t: HoursToken?) -> Bool {
        guard let t else { return false }
        return t.isSymbol(",") || t.isSymbol("&") || (t.kind == .word && HoursVocabulary.isConjunction(t.text))
    }

    // MARK: rules

    mutating func parseRules() throws(OpeningHoursError) -> [HoursRule] {
        var rules: [HoursRule] = []
        var join = RuleJoin.normal
        guard !tokens.isEmpty else { throw fail("the value is empty; write hours like 'Mo-Fr 08:30-17:30'", at: 1) }
        while let t = peek() {
            if t.isSymbol(";") || t.isSymbol(",") || t.isSymbol("|") {
                throw fail("expected a rule before \(describe(t)); remove the extra separator")
            }
            rules.append(try parseRule(join))
            guard let sep = peek() else { break }
            if sep.isSymbol(";") { join = .normal }
            else if sep.isSymbol(",") { join = .additional }
            else if sep.isSymbol("|") { join = .fallback }
            else if sep.kind == .word, HoursVocabulary.isConjunction(sep.text) { join = .additional }
            else { throw fail("unexpected \(describe(sep)) in a rule") }
            i += 1
            if peek() == nil, join == .fallback {
                throw fail("a fallback rule is missing after '||'", at: sep.position)
            }
        }
        return rules
    }

    mutating func parseRule(_ join: RuleJoin) throws(OpeningHoursError) -> HoursRule {
        var rule = HoursRule(join: join)
        rule.position = here
        var state: UInt8?
        var raw: [RawSpan] = []
        var allDay = false
        var content = false
        while let t = peek() {
            if t.isSymbol(";") || t.isSymbol(",") || t.isSymbol("|") { break }
            switch t.kind {
            case .comment:
                guard rule.comment == nil else { throw fail("a rule can have only one comment; join them into one quoted text") }
                rule.comment = t.text
                i += 1
            case .number:
                if t.value == 24, t.digits == 2, peek(1)?.isSymbol("/") == true, let seven = peek(2), seven.kind == .number, seven.value == 7 {
                    i += 3
                    allDay = true
                } else if isYear(0) {
                    if isMonth(peek(1)) || peek(1)?.isWord("easter") == true {
                        rule.wide.append(.dates(try parseDateList()))
                    } else {
                        rule.wide.append(.years(try parseYearList()))
                    }
                } else {
                    guard raw.isEmpty else { throw fail("a second list of times; put all times of a rule in one list separated by commas") }
                    raw = try parseTimeList()
                }
            case .symbol:
                if t.isSymbol("(") {
                    guard raw.isEmpty else { throw fail("a second list of times; put all times of a rule in one list separated by commas") }
                    raw = try parseTimeList()
                } else if t.isSymbol(":") {
                    i += 1
                    continue
                } else if t.isSymbol("."), i > 0, tokens[i - 1].kind == .word, !t.spaced {
                    i += 1
                    continue
                } else {
                    throw fail("unexpected \(describe(t)); a rule is: dates, weekdays, times, then open/off/unknown and a \"comment\"")
                }
            case .word:
                let w = t.text
                if t.month > 0 || w == "easter" {
                    rule.wide.append(.dates(try parseDateList()))
                } else if w == "week" {
                    rule.wide.append(.weeks(try parseWeekList()))
                } else if isDayWord(t) {
                    rule.days.append(try parseDayList())
                } else if HoursVocabulary.event(w) != nil {
                    guard raw.isEmpty else { throw fail("a second list of times; put all times of a rule in one list separated by commas") }
                    raw = try parseTimeList()
                } else if let s = HoursVocabulary.state(w) {
                    guard state == nil else { throw fail("the rule already says \(describe(tokens[i - 1])); give one of open, off, closed, unknown") }
                    state = s
                    i += 1
                    if peek()?.isSymbol(".") == true, !(peek()!.spaced) { i += 1 }
                    if rule.comment == nil { rule.comment = takeUnquotedComment() }
                } else if w == "uhr" || w == "h" {
                    i += 1
                } else if HoursVocabulary.isConjunction(w) {
                    if !content, rule.wide.isEmpty, rule.days.isEmpty, raw.isEmpty, !allDay, state == nil, rule.comment == nil {
                        throw fail("'\(w)' cannot start a rule")
                    }
                    break
                } else {
                    throw fail("'\(t.text)' is not a weekday, month or keyword; use Mo Tu We Th Fr Sa Su, Jan...Dec, PH, SH, week, open, off, closed, unknown, or put free text in double quotes")
                }
            }
            content = true
            if let last = peek(), last.kind == .word, HoursVocabulary.isConjunction(last.text) { break }
        }
        guard content else { throw fail("expected a rule here, found \(describe(peek()))") }
        if let state { rule.state = state }
        else if rule.comment != nil { rule.state = StateCode.unknown }
        rule.hasTimes = !raw.isEmpty
        rule.spans = resolve(raw, state: rule.state)
        rule.spillsPastMidnight = rule.spans.contains { $0.endMinute > 24 * 60 }
        return rule
    }

    /// Unquoted words after a state keyword (`open on appointment`) kept as the comment.
    mutating func takeUnquotedComment() -> String? {
        var words: [String] = []
        while let t = peek(), t.kind == .word, t.month < 0, !isDayWord(t),
              HoursVocabulary.state(t.text) == nil, HoursVocabulary.event(t.text) == nil, t.text != "week",
              t.text != "easter", !HoursVocabulary.isConjunction(t.text) {
            words.append(t.text)
            i += 1
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
