import StationCore
import StationWire
import Foundation

/// A JSON document as a plain value, for tools that rewrite part of a file and must keep the
/// rest (GeoJSON reprojection): decoded with `JSONDecoder`, written with ``serialized()``.
enum JSONTree: Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    /// A number written with a fixed count of decimals (trailing zeros dropped).
    case fixed(Double, decimals: Int)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONTree].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONTree].self))
        }
    }

    /// The numeric value, if this is a number.
    var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d), .fixed(let d, _): return d
        default: return nil
        }
    }

    /// Compact JSON text. Object members come in a stable order: the GeoJSON structural keys
    /// first (type, id, properties, geometry, ...), then the rest sorted. The items of a
    /// `features` array go one per line so that diffs of a FeatureCollection stay readable.
    func serialized() -> String {
        var out = ""
        write(to: &out, itemsOnLines: false)
        out += "\n"
        return out
    }

    private static let leadingKeys = ["type", "id", "properties", "geometry", "geometries", "coordinates", "features"]

    private func write(to out: inout String, itemsOnLines: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        case .fixed(let d, let decimals): out += Self.fixedText(d, decimals: decimals)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            out += itemsOnLines ? "[\n" : "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += itemsOnLines ? ",\n" : "," }
                item.write(to: &out, itemsOnLines: false)
            }
            out += itemsOnLines ? "\n]" : "]"
        case .object(let members):
            let lead = Self.leadingKeys.filter { members[$0] != nil }
            let rest = members.keys.filter { !Self.leadingKeys.contains($0) }.sorted()
            out += "{"
            for (i, key) in (lead + rest).enumerated() {
                if i > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                members[key]?.write(to: &out, itemsOnLines: key == "features")
            }
            out += "}"
        }
    }

    /// Fixed-point text by integer arithmetic, so the output never shows binary noise such as
    /// `116.39120000000001`.
    static func fixedText(_ value: Double, decimals: Int) -> String {
        let places = max(0, min(decimals, 12))
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled.isFinite, scaled < 9e17 else { return "\(value)" }
        let n = Int64(scaled)
        let whole = n / scale
        var frac = String(n % scale)
        frac = String(repeating: "0", count: places - frac.count) + frac
        while frac.last == "0" { frac.removeLast() }
        let sign = value < 0 && n != 0 ? "-" : ""
        return frac.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += JSONWriter.quoted(s)
    }
}
