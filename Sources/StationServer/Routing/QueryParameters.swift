import Foundation

/// A request's query parameters, read in one pass over the request target.
///
/// Why not Hummingbird's `URI.queryParameters`: it builds a hashed dictionary and percent-decodes
/// every value each time it is asked for, a visible share of a nearest request (the route the workers'
/// apps call most). A request here carries a dozen parameters at most, so a list scanned from the front
/// is quicker, and a value is percent-decoded only when a handler asks for it (the strict parameter
/// check reads only the names; an along request's polyline is 2 KB of escapes).
///
/// Read as Hummingbird reads them: pairs split at `&`, name and value at the first `=`; a name without
/// `=` has the empty value; `+` stays a plus (an `at` time may carry a `+08:00` offset). Names are
/// percent-decoded too (Hummingbird decodes only values). Whether a name may repeat is the route's
/// business (``QueryReader`` checks it); here every occurrence is kept.
struct QueryParameters {
    private var pairs: [(name: Substring, nameBytes: Int, value: Substring)] = []

    /// The parameters of a request target such as `/v1/stations/nearest?lon=116.4&lat=39.9`.
    init(target: String) {
        let utf8 = target.utf8
        guard var start = utf8.firstIndex(of: UInt8(ascii: "?")).map({ utf8.index(after: $0) }) else { return }
        let end = utf8.firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
        // One scan: each `&` (or the end) closes a pair, split at its first `=`.
        var equals: String.Index?
        var i = start
        while true {
            let atEnd = i >= end
            let byte = atEnd ? UInt8(ascii: "&") : utf8[i]
            if byte == UInt8(ascii: "&") {
                if i > start {
                    let name = Self.decoded(target[start..<(equals ?? i)])
                    let value = equals.map { target[utf8.index(after: $0)..<i] } ?? ""
                    pairs.append((name, name.utf8.count, value))
                }
                if atEnd { return }
                start = utf8.index(after: i)
                equals = nil
            } else if byte == UInt8(ascii: "="), equals == nil {
                equals = i
            }
            i = utf8.index(after: i)
        }
    }

    /// The value of the first parameter called `name`; nil when there is none.
    subscript(name: String) -> Substring? {
        // Byte lengths first (counted once, when parsing), then the bytes: `String` comparison
        // (Unicode-aware) was a visible share of a nearest request at a dozen lookups each.
        let length = name.utf8.count
        let found = pairs.first { $0.nameBytes == length && $0.name.utf8.elementsEqual(name.utf8) }
        return found.map { Self.decoded($0.value) }
    }

    /// Every parameter name in the order sent, repeats included.
    var names: [Substring] { pairs.map(\.name) }

    /// Every value sent under `name`, in order.
    func values(_ name: String) -> [Substring] {
        let length = name.utf8.count
        return pairs.filter { $0.nameBytes == length && $0.name.utf8.elementsEqual(name.utf8) }.map { Self.decoded($0.value) }
    }

    /// Percent-decoded text; text with a malformed escape, or whose escapes are not UTF-8, is kept
    /// as sent (as Hummingbird does). By bytes: Foundation's `removingPercentEncoding` goes through
    /// UTF-16 and was the largest single cost of an along request with a long polyline.
    static func decoded(_ text: Substring) -> Substring {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return text }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self).map { $0[...] } ?? text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
