/// Writes compact JSON text straight into a byte buffer.
///
/// Written by hand because Foundation's `JSONEncoder` dominated the cost of an HTTP nearest
/// query: on the sample ledger the server answered 5,500 requests/s with it and 14,900/s
/// without any JSON at all (scripts/bench_http.sh), the search itself taking ~10 µs.
/// Keys are written in the order given; the caller keeps objects and arrays balanced.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// One entry per open object or array: whether it already holds a member.
    private var hasMember: [Bool] = []

    public init(capacity: Int = 2048) {
        bytes.reserveCapacity(capacity)
    }

    /// `s` as a JSON string literal, quotes included: the one escaping rule every JSON writer here uses.
    public static func quoted(_ s: String) -> String {
        var w = JSONWriter(capacity: s.utf8.count + 2)
        w.appendQuoted(s)
        return w.text
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); hasMember.append(false) }
    public mutating func endObject() { hasMember.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); hasMember.append(false) }
    public mutating func endArray() { hasMember.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes an object key; the next value call writes its value.
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        // The value that follows belongs to this key: it must not write a comma.
        pendingValueAfterKey = true
    }

    public mutating func string(_ value: String) { separate(); appendQuoted(value) }
    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    public mutating func integer(_ value: Int64) { separate(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func integer(_ value: Int64?) { if let value { integer(value) } else { null() } }
    public mutating func integer(_ value: Int) { integer(Int64(value)) }
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

    /// A finite number in Swift's shortest round-trip form (`12.5`, `116.397691`); null otherwise.
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    public mutating func number(_ value: Double?) { if let value { number(value) } else { null() } }

    /// An array of strings.
    public mutating func strings<S: Sequence>(_ values: S) where S.Element == String {
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    // MARK: internals

    private var pendingValueAfterKey = false

    /// Writes the comma between members of the innermost container, unless a key was just written.
    private mutating func separate() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            return
        }
        guard let last = hasMember.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
    }

    private mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { utf8 in
            // Fast path: most text needs no escaping and is copied in one go.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: utf8)
                return
            }
            for b in utf8 { appendEscaped(b) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ b: UInt8) {
        let backslash = UInt8(ascii: "\\")
        switch b {
        case UInt8(ascii: "\""), backslash: bytes.append(backslash); bytes.append(b)
        case UInt8(ascii: "\n"): bytes.append(backslash); bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): bytes.append(backslash); bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): bytes.append(backslash); bytes.append(UInt8(ascii: "t"))
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        default: bytes.append(b)
        }
    }
}
