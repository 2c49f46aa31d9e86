/// Splits an opening_hours value into tokens with their 1-based character positions.
struct HoursToken: Sendable {
    enum Kind: Sendable, Equatable {
        case number      // ASCII digits; `value`, `digits`
        case word        // letters and `_`, lower-cased in `text`
        case comment     // text between double quotes
        case symbol      // one of ; , | - + : / [ ] ( ) . &  (`||` is one symbol "|")
    }
    var kind: Kind
    var text: String
    var value: Int = 0
    var digits: Int = 0
    var position: Int
    /// True when whitespace precedes the token.
    var spaced: Bool
    /// For words: weekday 0...6 or -1, month 1...12 or -1, and whether it is PH, SH or "weekend(s)"
    /// (looked up once here so the parser never compares strings twice).
    var weekday: Int = -1
    var month: Int = -1
    var isDayKeyword = false

    func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    func isWord(_ s: String) -> Bool { kind == .word && text == s }
}

enum HoursLexer {
    /// Dash-like characters read as `-`: en dash, em dash, minus sign, figure dash, katakana long mark,
    /// wave dashes and tildes (written between two times).
    static let dashes: Set<Unicode.Scalar> = ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
                                              "\u{30FC}", "\u{301C}", "\u{FF5E}", "~", "\u{FF0D}"]

    static func isSymbol(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: ":"), UInt8(ascii: "/"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."), UInt8(ascii: "&"):
            return true
        default:
            return false
        }
    }

    static func tokenize(_ text: String) throws(OpeningHoursError) -> [HoursToken] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [HoursToken] = []
        tokens.reserveCapacity(scalars.count / 2 + 1)
        var i = 0
        var spaced = false
        while i < scalars.count {
            let c = scalars[i]
            let position = i + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{A0}" || c == "\u{3000}" {
                spaced = true
                i += 1
                continue
            }
            if c.value >= 48 && c.value <= 57 {
                var value = 0
                var digits = 0
                while i < scalars.count, scalars[i].value >= 48, scalars[i].value <= 57 {
                    if digits < 9 { value = value * 10 + Int(scalars[i].value - 48) }
                    digits += 1
                    i += 1
                }
                tokens.append(HoursToken(kind: .number, text: "", value: value, digits: digits, position: position, spaced: spaced))
            } else if c == "\"" || c == "\u{201C}" || c == "\u{201E}" {
                let close: Unicode.Scalar = c == "\"" ? "\"" : "\u{201D}"
                var j = i + 1
                var body = String.UnicodeScalarView()
                while j < scalars.count, scalars[j] != close, !(close == "\u{201D}" && scalars[j] == "\u{201C}") {
                    body.append(scalars[j])
                    j += 1
                }
                guard j < scalars.count else {
                    throw OpeningHoursError(position: position, reason: "the comment that starts here has no closing double quote (\")")
                }
                tokens.append(HoursToken(kind: .comment, text: String(body), position: position, spaced: spaced))
                i = j + 1
            } else if (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) || c == "_" || (c.value >= 128 && c.properties.isAlphabetic) {
                var word = String.UnicodeScalarView()
                var ascii = true
                while i < scalars.count {
                    let w = scalars[i]
                    if w.value < 128 {
                        let v = w.value
                        guard (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95 else { break }
                        word.append(v <= 90 && v >= 65 ? Unicode.Scalar(v + 32)! : w)
                    } else {
                        guard w.properties.isAlphabetic || w.properties.generalCategory == .nonspacingMark
                                || w.properties.generalCategory == .spacingMark else { break }
                        ascii = false
                        word.append(w)
                    }
                    i += 1
                }
                let text = ascii ? String(word) : String(word).lowercased()
                var token = HoursToken(kind: .word, text: text, position: position, spaced: spaced)
                token.weekday = HoursVocabulary.weekday(text) ?? -1
                if token.weekday < 0 { token.month = HoursVocabulary.month(text) ?? -1 }
                token.isDayKeyword = token.weekday >= 0 || text == "ph" || text == "sh" || HoursVocabulary.isWeekend(text)
                tokens.append(token)
            } else if c == "|" {
                guard i + 1 < scalars.count, scalars[i + 1] == "|" else {
                    throw OpeningHoursError(position: position, reason: "a single '|' is not a separator; use '||' for a fallback rule or ';' between rules")
                }
                tokens.append(HoursToken(kind: .symbol, text: "|", position: position, spaced: spaced))
                i += 2
            } else if c.value < 128, Self.isSymbol(UInt8(c.value)) {
                tokens.append(HoursToken(kind: .symbol, text: String(c), position: position, spaced: spaced))
                i += 1
            } else if dashes.contains(c) {
                tokens.append(HoursToken(kind: .symbol, text: "-", position: position, spaced: spaced))
                i += 1
            } else if false {
                tokens.append(HoursToken(kind: .symbol, text: String(c), position: position, spaced: spaced))
                i += 1
            } else if c == "\u{FF1A}" {  // full-width colon
                tokens.append(HoursToken(kind: .symbol, text: ":", position: position, spaced: spaced))
                i += 1
            } else if c == "\u{FF0C}" || c == "\u{3001}" {  // full-width comma, ideographic comma
                tokens.append(HoursToken(kind: .symbol, text: ",", position: position, spaced: spaced))
                i += 1
            } else if c == "\u{FF1B}" {
                tokens.append(HoursToken(kind: .symbol, text: ";", position: position, spaced: spaced))
                i += 1
            } else {
                throw OpeningHoursError(position: position, reason: "unexpected character '\(Character(c))'")
            }
            spaced = false
        }
        return tokens
    }
}
