import StationCore

/// Writes compact JSON text straight into a byte buffer.
///
/// Written by hand because JSON was most of the cost of an HTTP nearest query. With Foundation's
/// `JSONEncoder` the server answered 5,500 requests/s on the sample ledger, and 14,900/s with no JSON
/// at all (scripts/bench_http.sh). A first version of this writer still spent about 19 µs on a
/// 2.6 KB answer, going through `String` for every integer, time and key. So this one formats
/// integers, short decimals and local times straight into the buffer, takes keys as static strings
/// that need no escaping scan, and tracks commas in a bit mask rather than an array.
/// Keys are written in the order given; the caller keeps objects and arrays balanced
/// (at most 64 levels deep).
public struct JSONWriter: ~Copyable {
    /// The text so far, in memory this writer owns (a raw buffer: appending a byte is a store, not a
    /// call into `Array`'s generic code).
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Bit `i` is set when the container at depth `i + 1` already holds a member.
    private var memberBits: UInt64 = 0
    private var depth = 0
    /// A key was just written: the next value belongs to it and must not write a comma.
    private var pendingValueAfterKey = false

    public init(capacity: Int = 2048) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Lends the bytes written so far without copying them (e.g. into a server's own buffer type).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// `s` as a JSON string literal, quotes included: the one escaping rule every JSON writer here uses.
    public static func quoted(_ s: String) -> String {
        var w = JSONWriter(capacity: s.utf8.count + 2)
        w.appendQuoted(s)
        return w.text
    }

    /// The text written so far.
    public var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes an object key known at compile time (plain ASCII names need no escaping, so none is
    /// attempted); the next value call writes its value. Always inlined: the name's length is then a
    /// constant at each call site and the copy compiles to a few moves instead of a call to `memmove`.
    @inline(__always)
    public mutating func key(_ name: StaticString) {
        separate()
        let n = name.utf8CodeUnitCount
        reserve(n + 3)
        base[count] = UInt8(ascii: "\"")
        if name.hasPointerRepresentation {
            (base + count + 1).update(from: name.utf8Start, count: n)
        } else {
            // A one-scalar literal: its bytes are not stored contiguously anywhere.
            name.withUTF8Buffer { (base + count + 1).update(from: $0.baseAddress!, count: n) }
        }
        base[count + n + 1] = UInt8(ascii: "\"")
        base[count + n + 2] = UInt8(ascii: ":")
        count += n + 3
        pendingValueAfterKey = true
    }

    /// Writes an object key made at run time (escaped as any string).
    public mutating func key(text name: String) {
        separate()
        appendQuoted(name)
        put(UInt8(ascii: ":"))
        pendingValueAfterKey = true
    }

    public mutating func string(_ value: String) { separate(); appendQuoted(value) }
    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }

    /// A string value known at compile time to need no escaping (plain ASCII without quotes or
    /// backslashes), copied without the escaping scan.
    @inline(__always)
    public mutating func string(literal: StaticString) {
        separate()
        let n = literal.utf8CodeUnitCount
        reserve(n + 2)
        base[count] = UInt8(ascii: "\"")
        literal.withUTF8Buffer { (base + count + 1).update(from: $0.baseAddress!, count: n) }
        base[count + n + 1] = UInt8(ascii: "\"")
        count += n + 2
    }

    public mutating func integer(_ value: Int64) { separate(); appendInteger(value) }
    public mutating func integer(_ value: Int64?) { if let value { integer(value) } else { null() } }
    public mutating func integer(_ value: Int) { integer(Int64(value)) }
    public mutating func bool(_ value: Bool) { separate(); append(value ? "true" : "false") }
    public mutating func null() { separate(); append("null") }

    /// A finite number in Swift's shortest round-trip form (`12.5`, `116.397691`, `40`); null otherwise.
    ///
    /// Values with at most six decimals (coordinates, rounded metres) are formatted here from integers;
    /// others go through `description`. Both give the same text: when `value * 1e6` rounds to an integer
    /// `n` with `n / 1e6 == value`, the decimal `n / 10^6` reads back as `value`, and no shorter decimal
    /// can (two decimals of at most six places differ by at least 1e-6, far more than the spacing of
    /// doubles below 1e9), so trimming its trailing zeros gives exactly the shortest form.
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        let magnitude = abs(value)
        if magnitude < 1e9, magnitude >= 1e-4 || magnitude == 0 {
            let scaled = (value * 1e6).rounded()
            if scaled / 1e6 == value {
                let n = Int64(scaled)
                if n < 0 { put(UInt8(ascii: "-")) }
                let units = n.magnitude
                appendDigits(units / 1_000_000)
                var fraction = units % 1_000_000
                if fraction != 0 {
                    put(UInt8(ascii: "."))
                    var width = 6
                    while fraction % 10 == 0 {
                        fraction /= 10
                        width -= 1
                    }
                    appendDigits(fraction, width: width)
                }
                return
            }
        }
        if value == value.rounded(), magnitude < 1e15 {
            appendInteger(Int64(value))
        } else {
            var text = value.description
            text.withUTF8 { put(contentsOf: $0) }
        }
    }

    public mutating func number(_ value: Double?) { if let value { number(value) } else { null() } }

    /// `value` rounded to one decimal, in the same text ``number(_:)`` gives for `(value * 10).rounded() / 10`
    /// (`12.5`, `40`), written from the integer count of tenths: distances, bearings and minutes.
    public mutating func tenths(_ value: Double) {
        let scaled = (value * 10).rounded()
        guard abs(scaled) < 1e15 else { return number(scaled / 10) }
        separate()
        let n = Int64(scaled)
        if n < 0 { put(UInt8(ascii: "-")) }
        appendDigits(n.magnitude / 10)
        let digit = n.magnitude % 10
        if digit != 0 {
            reserve(2)
            base[count] = UInt8(ascii: ".")
            base[count + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit)
            count += 2
        }
    }

    /// An array of strings.
    public mutating func strings<S: Sequence>(_ values: S) where S.Element == String {
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    /// A local time as a string `"YYYY-MM-DDTHH:MM"` (``LocalDateTime/isoString``), formatted in place.
    public mutating func localTime(_ t: LocalDateTime) {
        guard (0...9999).contains(t.year), (1...12).contains(t.month), (1...31).contains(t.day),
            (0...23).contains(t.hour), (0...59).contains(t.minute)
        else { return string(t.isoString) }
        separate()
        put(UInt8(ascii: "\""))
        appendTwoDigits(t.year / 100)
        appendTwoDigits(t.year % 100)
        put(UInt8(ascii: "-"))
        appendTwoDigits(t.month)
        put(UInt8(ascii: "-"))
        appendTwoDigits(t.day)
        put(UInt8(ascii: "T"))
        appendTwoDigits(t.hour)
        put(UInt8(ascii: ":"))
        appendTwoDigits(t.minute)
        put(UInt8(ascii: "\""))
    }

    /// A set of amenities as an array of their names, in vocabulary order.
    public mutating func amenities(_ set: AmenitySet) {
        beginArray()
        Amenity.quotedNames.withUnsafeBufferPointer { names in
            let ends = Amenity.quotedNameEnds
            var rest = set.bits
            while rest != 0 {
                let i = rest.trailingZeroBitCount
                rest &= rest - 1
                guard i < ends.count else { continue }
                separate()
                let start = i == 0 ? 0 : ends[i - 1]
                put(contentsOf: UnsafeBufferPointer(rebasing: names[start..<ends[i]]))
            }
        }
        endArray()
    }

    /// `value` with at most `decimals` decimals (0 to 12), trailing zeros dropped and `-0` written `0`:
    /// GeoJSON coordinates and measures. Rounded by integer arithmetic, so the text never shows binary
    /// noise such as `116.39120000000001`; non-finite values are null.
    public mutating func number(_ value: Double, decimals: Int) {
        guard value.isFinite else { return null() }
        let places = max(0, min(decimals, 12))
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e17 else { return number(value) }
        separate()
        let n = UInt64(scaled)
        if value < 0 && n != 0 { put(UInt8(ascii: "-")) }
        appendDigits(n / scale)
        var fraction = n % scale
        guard fraction != 0 else { return }
        var width = places
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        put(UInt8(ascii: "."))
        appendDigits(fraction, width: width)
    }

    /// A value that is JSON text already (a stored geometry, a document another writer finished),
    /// copied as it is: the caller vouches that it is valid JSON.
    public mutating func json(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { put(contentsOf: $0) }
    }

    /// Starts the next item of the innermost array on a line of its own (after its comma), so a
    /// FeatureCollection reads one feature per line in a diff; the next value call writes the item.
    public mutating func nextItemOnNewLine() {
        separate()
        put(UInt8(ascii: "\n"))
        pendingValueAfterKey = true
    }

    /// A line break where whitespace is allowed (before an array's closing bracket).
    public mutating func newline() { put(UInt8(ascii: "\n")) }

    /// Object members rendered beforehand (by ``renderMembers(_:)``), written as they are.
    public mutating func members(_ rendered: [UInt8]) {
        rendered.withUnsafeBufferPointer { members($0) }
    }

    /// ``members(_:)`` from a buffer.
    public mutating func members(_ rendered: UnsafeBufferPointer<UInt8>) {
        guard !rendered.isEmpty else { return }
        separate()
        put(contentsOf: rendered)
    }

    /// The text of the members `body` writes, without the braces of their object: for ``members(_:)``.
    public static func renderMembers(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        body(&w)
        return Array(UnsafeBufferPointer(start: w.base + 1, count: w.count - 1))
    }

    // MARK: internals

    private mutating func open(_ bracket: UInt8) {
        separate()
        put(bracket)
        precondition(depth < 64, "JSONWriter: more than 64 nested containers")
        depth += 1
        memberBits &= ~(UInt64(1) << UInt64(depth - 1))
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        put(bracket)
    }

    /// Writes the comma between members of the innermost container, unless a key was just written.
    @inline(__always)
    private mutating func separate() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            return
        }
        guard depth > 0 else { return }
        let bit = UInt64(1) << UInt64(depth - 1)
        if memberBits & bit != 0 {
            put(UInt8(ascii: ","))
        } else {
            memberBits |= bit
        }
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { put(contentsOf: $0) }
    }

    private mutating func appendInteger(_ value: Int64) {
        if value < 0 { put(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
    }

    /// The decimal digits of `value`, left-padded with zeros to `width` (at most 20), two at a time
    /// from a table of "00" to "99".
    private mutating func appendDigits(_ value: UInt64, width: Int = 1) {
        var digits = 1
        var limit: UInt64 = 10
        while digits < 20 && value >= limit {
            digits += 1
            limit = limit &* 10
        }
        let n = max(digits, min(width, 20))
        reserve(n)
        let pairs = Self.digitPairs.utf8Start
        var v = value
        var i = count + n
        while v >= 10 {
            let pair = Int(v % 100) &* 2
            v /= 100
            i -= 2
            base[i] = pairs[pair]
            base[i + 1] = pairs[pair + 1]
        }
        if v > 0 || i > count {
            i -= 1
            base[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v)
        }
        while i > count {
            i -= 1
            base[i] = UInt8(ascii: "0")
        }
        count += n
    }

    /// Two digits of `value` (0...99), zero-padded: months, days, hours and minutes.
    @inline(__always)
    private mutating func appendTwoDigits(_ value: Int) {
        reserve(2)
        let pairs = Self.digitPairs.utf8Start
        base[count] = pairs[value &* 2]
        base[count + 1] = pairs[value &* 2 + 1]
        count += 2
    }

    /// "00", "01", ..., "99" end to end: static text, so reading it costs no lazy initialisation or
    /// reference counting (an array here did both on every call).
    private static var digitPairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = bigger
    }

    @inline(__always)
    private mutating func put(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    private mutating func put(contentsOf buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        reserve(buffer.count)
        (base + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    private mutating func put(contentsOf array: [UInt8]) {
        array.withUnsafeBufferPointer { put(contentsOf: $0) }
    }

    private mutating func appendQuoted(_ s: String) {
        put(UInt8(ascii: "\""))
        appendEscaped(s)
        put(UInt8(ascii: "\""))
    }

    /// The text of `s` as it goes between a JSON string's quotes.
    private mutating func appendEscaped(_ s: String) {
        var text = s
        text.withUTF8 { utf8 in
            // Fast path: most text needs no escaping and is copied in one go.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                put(contentsOf: utf8)
                return
            }
            for b in utf8 { appendEscaped(b) }
        }
    }

    private mutating func appendEscaped(_ b: UInt8) {
        let backslash = UInt8(ascii: "\\")
        switch b {
        case UInt8(ascii: "\""), backslash: put(backslash); put(b)
        case UInt8(ascii: "\n"): put(backslash); put(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): put(backslash); put(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): put(backslash); put(UInt8(ascii: "t"))
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            put(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        default: put(b)
        }
    }
}

extension Amenity {
    /// Every amenity's name as a quoted JSON string, in ``AmenitySet`` bit order, end to end in one
    /// array (one array rather than one per name, so writing a set retains nothing per name).
    static let quotedNames: [UInt8] = allCases.flatMap { Array("\"\($0.rawValue)\"".utf8) }
    /// Where each name ends in ``quotedNames``.
    static let quotedNameEnds: [Int] = {
        var ends: [Int] = []
        var end = 0
        for a in allCases {
            end += a.rawValue.utf8.count + 2
            ends.append(end)
        }
        return ends
    }()
}
