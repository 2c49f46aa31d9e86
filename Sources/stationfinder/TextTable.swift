/// A plain-text table whose columns line up on a terminal, Chinese names included: a wide
/// character (CJK, full-width forms) takes two columns, so widths are counted in terminal columns,
/// not characters. Columns are separated by two spaces; numeric columns can be right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns to right-align (numbers), by index.
    var rightAligned: Set<Int> = []

    init(_ header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines, trailing spaces removed.
    func render() -> String {
        let all = [header] + rows
        let count = all.map(\.count).max() ?? 0
        let widths = (0..<count).map { c in all.map { c < $0.count ? Self.displayWidth($0[c]) : 0 }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (c, cell) in row.enumerated() {
                let gap = String(repeating: " ", count: widths[c] - Self.displayWidth(cell))
                if c > 0 { line += "  " }
                line += rightAligned.contains(c) ? gap + cell : cell + gap
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Terminal columns `text` takes: two for East Asian wide and full-width characters, one otherwise.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    /// The ranges Unicode's East Asian Width property marks Wide or Fullwidth that a ledger meets:
    /// Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK compatibility, full-width forms and
    /// the supplementary ideographic planes.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
