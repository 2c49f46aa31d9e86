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

    /// Compact JSON text and a final line break. Object members come in a stable order: the GeoJSON
    /// structural keys first (type, id, properties, geometry, ...), then the rest sorted. The items of a
    /// `features` array go one per line so that diffs of a FeatureCollection stay readable.
    func serialized() -> String {
        var w = JSONWriter(capacity: 4096)
        write(to: &w, itemsOnLines: false)
        w.newline()
        return w.text
    }

    private static let leadingKeys = ["type", "id", "properties", "geometry", "geometries", "coordinates", "features"]

    private func write(to w: inout JSONWriter, itemsOnLines: Bool) {
        switch self {
        case .null: w.null()
        case .bool(let b): w.bool(b)
        case .integer(let i): w.integer(i)
        case .number(let d): w.number(d)
        case .fixed(let d, let decimals): w.number(d, decimals: decimals)
        case .string(let s): w.string(s)
        case .array(let items):
            w.beginArray()
            for item in items {
                if itemsOnLines { w.nextItemOnNewLine() }
                item.write(to: &w, itemsOnLines: false)
            }
            if itemsOnLines { w.newline() }
            w.endArray()
        case .object(let members):
            let lead = Self.leadingKeys.filter { members[$0] != nil }
            let rest = members.keys.filter { !Self.leadingKeys.contains($0) }.sorted()
            w.beginObject()
            for key in lead + rest {
                w.key(text: key)
                members[key]?.write(to: &w, itemsOnLines: key == "features")
            }
            w.endObject()
        }
    }
}
