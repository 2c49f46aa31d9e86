import Foundation

/// A JSON scalar or list as history records it (strings, numbers, string arrays, null).
public enum JSONValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case null
    case string(String)
    case number(Double)
    case strings([String])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else {
            self = .strings(try c.decode([String].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .string(let s): try c.encode(s)
        case .number(let d): try c.encode(d)
        case .strings(let a): try c.encode(a)
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .string(let s): return s
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .strings(let a): return a.joined(separator: ";")
        }
    }
}
