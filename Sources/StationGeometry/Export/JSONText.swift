import Foundation
import StationCore
import StationWire

/// Minimal JSON text building with control over number precision (RFC 7946 output).
enum JSONText {
    /// A number with at most `decimals` decimals, trailing zeros dropped ("116.4", "-0" avoided).
    static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        var s = String(format: "%.\(decimals)f", value)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s
    }

    /// A JSON string literal.
    static func string(_ value: String) -> String { JSONWriter.quoted(value) }
}

/// A property value of a GeoJSON feature.
enum PropertyValue {
    case string(String)
    case number(Double, decimals: Int)
    case integer(Int)
    case strings([String])
    case bool(Bool)
    case null

    var json: String {
        switch self {
        case .string(let s): return JSONText.string(s)
        case .number(let v, let d): return JSONText.number(v, decimals: d)
        case .integer(let i): return String(i)
        case .strings(let list): return "[" + list.map(JSONText.string).joined(separator: ",") + "]"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}
