/// Reads inspection dates: `YYYY-MM-DD` (also `YYYY/MM/DD` and `YYYY.MM.DD`, written back as
/// `YYYY-MM-DD`), checked against the calendar (month lengths, leap years).
enum LedgerDate {
    static func iso(_ text: String) -> String? {
        // Fast path for the canonical form: fixed byte positions, no splitting.
        let b = Array(text.utf8)
        if b.count == 10, b[4] == 0x2D, b[7] == 0x2D {
            func num(_ r: Range<Int>) -> Int? {
                var v = 0
                for i in r {
                    guard (0x30...0x39).contains(b[i]) else { return nil }
                    v = v * 10 + Int(b[i] - 0x30)
                }
                return v
            }
            guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
            return valid(y, m, d) ? text : nil
        }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            valid(y, m, d)
        else { return nil }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    /// True for a calendar date between 1900 and 2200.
    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1900...2200).contains(y), (1...12).contains(m) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }
}
