/// One of Beijing's 16 districts (区) as the product names it: adcode, Chinese and pinyin names.
public struct DistrictName: Hashable, Sendable, Codable {
    public var adcode: String
    public var name: String
    public var pinyin: String

    public init(adcode: String, name: String, pinyin: String) {
        self.adcode = adcode
        self.name = name
        self.pinyin = pinyin
    }

    /// True when `query` names this district by adcode, Chinese name (with or without 区) or
    /// pinyin (case, spaces and a trailing "district"/"qu" ignored).
    public func matches(_ query: String) -> Bool {
        let q = query.trimmingCharactersInSet()
        if q == adcode || q == name { return true }
        if q + "区" == name { return true }
        let fold = { (s: String) -> String in
            var t = s.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" }
            for suffix in ["district", "qu"] where t.hasSuffix(suffix) && t.count > suffix.count + 2 {
                t.removeLast(suffix.count)
            }
            return t
        }
        return fold(q) == fold(pinyin)
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
