import Foundation
import GRDB
import StationCore

/// One entry of a station's history: who changed what, and when.
public struct StationChange: Hashable, Sendable, Codable {
    public enum Action: String, Sendable, Codable { case insert, update, delete }

    /// Increasing sequence number (order of the writes).
    public var seq: Int64
    public var stationID: String
    /// UTC time of the write, ISO 8601 (`2026-11-21T16:55:00Z`).
    public var changedAt: String
    public var actor: String
    public var action: Action
    /// The changed fields (snake_case, as in the station JSON) with [old, new] values; old is
    /// null on insert and new is null on delete.
    public var changes: [String: FieldChange]

    /// The old and new value of one field, as JSON text fragments decoded to plain values.
    public struct FieldChange: Hashable, Sendable, Codable {
        public var old: JSONValue
        public var new: JSONValue

        public init(old: JSONValue, new: JSONValue) {
            self.old = old
            self.new = new
        }

        public init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            old = try c.decode(JSONValue.self)
            new = try c.decode(JSONValue.self)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(old)
            try c.encode(new)
        }
    }

    enum CodingKeys: String, CodingKey {
        case seq
        case stationID = "station_id"
        case changedAt = "changed_at"
        case actor, action, changes
    }
}

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

/// Field-by-field comparison of two versions of a station, written straight to JSON text
/// (hand-built because history is written once per imported row and JSONEncoder would
/// dominate the import time).
enum StationDiff {
    /// The `changes` JSON object between `old` and `new` (either may be nil), or nil when
    /// nothing differs.
    static func changesJSON(old: Station?, new: Station?) -> String? {
        var parts: [String] = []
        func field(_ key: String, _ a: String?, _ b: String?) {
            if old != nil && new != nil && a == b { return }
            parts.append("\"\(key)\":[\(a ?? "null"),\(b ?? "null")]")
        }
        func str(_ s: String?) -> String? { s.map(JSONText.quoted) }
        func num(_ d: Double?) -> String? { d.map { JSONText.number($0) } }
        func amen(_ a: AmenitySet?) -> String? {
            a.map { "[" + $0.map { JSONText.quoted($0.rawValue) }.joined(separator: ",") + "]" }
        }
        let o = old, n = new
        field("name", str(o?.name), str(n?.name))
        field("lon", num(o?.lon), num(n?.lon))
        field("lat", num(o?.lat), num(n?.lat))
        field("address", str(o?.address), str(n?.address))
        field("district", str(o?.district), str(n?.district))
        field("grade", str(o?.grade.rawValue), str(n?.grade.rawValue))
        field("organization", str(o?.organization), str(n?.organization))
        field("host_type", str(o?.hostType.rawValue), str(n?.hostType.rawValue))
        field("opening_hours", str(o?.openingHours), str(n?.openingHours))
        field("amenities", amen(o?.amenities), amen(n?.amenities))
        field("phone", str(o?.phone), str(n?.phone))
        field("status", str(o?.status.rawValue), str(n?.status.rawValue))
        field("rating", num(o?.rating.map(Double.init)), num(n?.rating.map(Double.init)))
        field("last_inspected", str(o?.lastInspected), str(n?.lastInspected))
        if old != nil && new != nil && parts.isEmpty { return nil }
        return "{" + parts.joined(separator: ",") + "}"
    }
}

/// Minimal JSON text helpers for values we write by hand.
enum JSONText {
    static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where ch.value < 0x20:
                let hex = String(ch.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(ch)
            }
        }
        out += "\""
        return out
    }

    /// A finite number as JSON (whole numbers without a fraction).
    static func number(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

/// The current time as UTC ISO 8601 with seconds, e.g. `2026-11-21T16:55:00Z`.
enum UTCClock {
    static func nowISO() -> String {
        var t = time(nil)
        var tmValue = tm()
        gmtime_r(&t, &tmValue)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(tmValue.tm_year + 1900, 4))-\(pad(tmValue.tm_mon + 1, 2))-\(pad(tmValue.tm_mday, 2))T"
            + "\(pad(tmValue.tm_hour, 2)):\(pad(tmValue.tm_min, 2)):\(pad(tmValue.tm_sec, 2))Z"
    }
}

extension StationDatabase {
    static let insertHistorySQL =
        "INSERT INTO station_history (station_id, changed_at, actor, action, changes) VALUES (?, ?, ?, ?, ?)"

    /// Every recorded change to one station, oldest first (also after the station is deleted).
    public func history(stationID: String) throws -> [StationChange] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT seq, station_id, changed_at, actor, action, changes FROM station_history WHERE station_id = ? ORDER BY seq",
                arguments: [stationID])
            return try rows.map { row in
                let actionText: String = row[4]
                let changesText: String = row[5]
                guard let action = StationChange.Action(rawValue: actionText),
                    let changes = try? JSONDecoder().decode(
                        [String: StationChange.FieldChange].self, from: Data(changesText.utf8))
                else { throw StoreError.corruptRow(table: "station_history", id: String(row[0] as Int64)) }
                return StationChange(
                    seq: row[0], stationID: row[1], changedAt: row[2], actor: row[3], action: action,
                    changes: changes)
            }
        }
    }
}
