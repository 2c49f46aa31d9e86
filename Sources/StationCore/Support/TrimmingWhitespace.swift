extension StringProtocol {
    /// The text without leading and trailing white space (including full-width spaces).
    public func trimmingWhitespace() -> String {
        // Fast path: printable ASCII at both ends means nothing to trim (the usual cell).
        let whole = String(self)
        if let f = whole.utf8.first, let l = whole.utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return whole }
        var s = Substring(whole)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
