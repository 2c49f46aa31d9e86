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

    func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    func isWord(_ s: String) -> Bool { kind == .word && text == s }
}

enum HoursLexer {
    /// Dash-like characters read as `-`: en dash, em dash, minus sign, figure dash, katakana long mark,
    /// wave dashes and tildes (written between two times).
    static let dashes: Set<Unicode.Scalar> = ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
                                              "\u{30FC}", "\u{301C}", "\u{FF5E}", "~", "\u{FF0D}"]

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
            } else if c.properties.isAlphabetic || c == "_" {
                var word = String.UnicodeScalarView()
                while i < scalars.count, scalars[i].properties.isAlphabetic || scalars[i] == "_" || scalars[i].properties.generalCategory == .nonspacingMark || scalars[i].properties.generalCategory == .spacingMark {
                    word.append(scalars[i])
                    i += 1
                }
                tokens.append(HoursToken(kind: .word, text: String(word).lowercased(), position: position, spaced: spaced))
            } else if c == "|" {
                guard i + 1 < scalars.count, scalars[i + 1] == "|" else {
                    throw OpeningHoursError(position: position, reason: "a single '|' is not a separator; use '||' for a fallback rule or ';' between rules")
                }
                tokens.append(HoursToken(kind: .symbol, text: "|", position: position, spaced: spaced))
                i += 2
            } else if dashes.contains(c) {
                tokens.append(HoursToken(kind: .symbol, text: "-", position: position, spaced: spaced))
                i += 1
            } else if ";,-+:/[]().&".unicodeScalars.contains(c) {
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
