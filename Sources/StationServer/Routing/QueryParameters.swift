import Foundation

/// A request's query parameters, read in one pass over the request target.
///
/// Why not Hummingbird's `URI.queryParameters`: it builds a hashed dictionary and percent-decodes
/// every value each time it is asked for, a visible share of a nearest request (the route the workers'
/// apps call most). A request here carries a dozen parameters at most, so a list scanned from the front
/// is quicker, and only values that contain an escape are decoded.
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
                    let value = equals.map { Self.decoded(target[utf8.index(after: $0)..<i]) } ?? ""
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
        return found?.value
    }

    /// Every parameter name in the order sent, repeats included.
    var names: [Substring] { pairs.map(\.name) }

    /// Every value sent under `name`, in order.
    func values(_ name: String) -> [Substring] {
        let length = name.utf8.count
        return pairs.lazy.filter { $0.nameBytes == length && $0.name.utf8.elementsEqual(name.utf8) }.map(\.value)
    }

    /// Percent-decoded text; text with a malformed escape is kept as sent (as Hummingbird does).
    private static func decoded(_ text: Substring) -> Substring {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return String(text).removingPercentEncoding.map { $0[...] } ?? text
    }
}
