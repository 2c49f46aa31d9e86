import Foundation

/// A request's query parameters, read in one pass over the request target.
///
/// Why not Hummingbird's `URI.queryParameters`: it builds a hashed dictionary and percent-decodes
/// every value each time it is asked for, a visible share of a nearest request (the route the workers'
/// apps call most). A request here carries a dozen parameters at most, so a list scanned from the front
/// is quicker, and only values that contain an escape are decoded.
///
/// Same reading as Hummingbird's: pairs split at `&`, name and value at the first `=`; a name without
/// `=` has the empty value; `+` stays a plus (an `at` time may carry a `+08:00` offset); the first of
/// repeated names wins.
struct QueryParameters {
    private var pairs: [(name: Substring, value: Substring)] = []

    /// The parameters of a request target such as `/v1/stations/nearest?lon=116.4&lat=39.9`.
    init(target: String) {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return }
        var query = target[target.utf8.index(after: mark)...]
        if let hash = query.utf8.firstIndex(of: UInt8(ascii: "#")) { query = query[..<hash] }
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let text = Substring(pair)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((Self.decoded(text[..<equals]), Self.decoded(text[text.utf8.index(after: equals)...])))
            } else {
                pairs.append((Self.decoded(text), ""))
            }
        }
    }

    /// The value of the first parameter called `name`; nil when there is none.
    subscript(name: String) -> Substring? {
        for pair in pairs where pair.name == name { return pair.value }
        return nil
    }

    /// Percent-decoded text; text with a malformed escape is kept as sent (as Hummingbird does).
    private static func decoded(_ text: Substring) -> Substring {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return String(text).removingPercentEncoding.map { $0[...] } ?? text
    }
}
