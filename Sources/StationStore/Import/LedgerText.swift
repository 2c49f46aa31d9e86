/// Turns a ledger file's bytes into checked UTF-8 (BOM removed), or says which encoding it
/// looks like instead: ledgers saved by Excel on Chinese Windows are often GBK.
enum LedgerText {
    /// The UTF-8 bytes without a leading byte-order mark.
    /// - Throws: a reason sentence when the bytes are not UTF-8.
    static func utf8Bytes(_ bytes: [UInt8]) throws(LedgerTextError) -> ArraySlice<UInt8> {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw LedgerTextError(reason: "is not UTF-8 (it starts with a UTF-16 byte-order mark); re-save as UTF-8")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let bad = firstInvalidUTF8(body) else { return body }
        let line = 1 + body[body.startIndex..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let guess = looksLikeGB18030(body) ? "looks like GBK/GB18030" : "unknown encoding"
        throw LedgerTextError(
            reason: "is not UTF-8 (\(guess); first invalid byte 0x\(String(body[bad], radix: 16, uppercase: true)) on line \(line)); re-save as UTF-8")
    }

    /// The index of the first byte that is not part of a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ b: ArraySlice<UInt8>) -> Int? {
        var i = b.startIndex
        let end = b.endIndex
        while i < end {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF  // allowed range of the second byte
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            guard i + need < end else { return i }
            guard (lo...hi).contains(b[i + 1]) else { return i }
            for k in 2..<(need + 1) where !(0x80...0xBF).contains(b[i + k]) { return i }
            i += need + 1
        }
        return nil
    }

    /// True when every non-ASCII byte forms a GBK double-byte or GB18030 four-byte sequence.
    static func looksLikeGB18030(_ b: ArraySlice<UInt8>) -> Bool {
        var i = b.startIndex
        let end = b.endIndex
        var multi = 0
        while i < end {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            guard (0x81...0xFE).contains(c), i + 1 < end else { return false }
            let d = b[i + 1]
            if (0x40...0xFE).contains(d) && d != 0x7F {
                i += 2
            } else if (0x30...0x39).contains(d), i + 3 < end, (0x81...0xFE).contains(b[i + 2]),
                (0x30...0x39).contains(b[i + 3])
            {
                i += 4
            } else {
                return false
            }
            multi += 1
        }
        return multi > 0
    }
}

/// Why a ledger file's bytes are not usable text.
struct LedgerTextError: Error {
    var reason: String
}
