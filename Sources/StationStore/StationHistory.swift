import Foundation
import GRDB
import StationCore
import StationWire

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
    /// What wrote the change: the imported file names (or "request body"); nil for single-station
    /// edits and for changes recorded before sources were kept.
    public var source: String?
    /// The coordinate system the import read its coordinates in.
    public var crs: String?
    /// The changed fields (snake_case, as in the station JSON) with [old, new] values; old is
    /// null on insert and new is null on delete.
    public var changes: [String: FieldChange]

    package init(seq: Int64, stationID: String, changedAt: String, actor: String, action: Action, source: String?,
                 crs: String?, changes: [String: FieldChange]) {
        self.seq = seq
        self.stationID = stationID
        self.changedAt = changedAt
        self.actor = actor
        self.action = action
        self.source = source
        self.crs = crs
        self.changes = changes
    }

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
        case actor, action, source, crs, changes
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
/// (hand-built into one buffer because history is written once per imported row and
/// JSONEncoder, or even one String per field, would dominate the import time).
package enum StationDiff {
    /// The `changes` JSON object between `old` and `new` (either may be nil), or nil when
    /// nothing differs.
    package static func changesJSON(old: Station?, new: Station?) -> String? {
        if let old, let new, old == new { return nil }
        let both = old != nil && new != nil
        var out = "{"
        out.reserveCapacity(512)
        var first = true
        func key(_ k: StaticString) {
            if !first { out += "," }
            first = false
            out += "\""
            out += k.description
            out += "\":["
        }
        func text(_ k: StaticString, _ a: String?, _ b: String?) {
            if both && a == b { return }
            key(k)
            out += a.map(JSONText.quoted) ?? "null"
            out += ","
            out += b.map(JSONText.quoted) ?? "null"
            out += "]"
        }
        func number(_ k: StaticString, _ a: Double?, _ b: Double?) {
            if both && a == b { return }
            key(k)
            out += a.map(JSONText.number) ?? "null"
            out += ","
            out += b.map(JSONText.number) ?? "null"
            out += "]"
        }
        func amenities(_ a: AmenitySet?, _ b: AmenitySet?) {
            if both && a == b { return }
            key("amenities")
            out += a.map(amenityList) ?? "null"
            out += ","
            out += b.map(amenityList) ?? "null"
            out += "]"
        }
        text("name", old?.name, new?.name)
        number("lon", old?.lon, new?.lon)
        number("lat", old?.lat, new?.lat)
        text("address", old?.address, new?.address)
        text("district", old?.district, new?.district)
        text("grade", old?.grade.rawValue, new?.grade.rawValue)
        text("organization", old?.organization, new?.organization)
        text("host_type", old?.hostType.rawValue, new?.hostType.rawValue)
        text("opening_hours", old?.openingHours, new?.openingHours)
        amenities(old?.amenities, new?.amenities)
        text("phone", old?.phone, new?.phone)
        text("status", old?.status.rawValue, new?.status.rawValue)
        number("rating", old?.rating.map(Double.init), new?.rating.map(Double.init))
        text("last_inspected", old?.lastInspected, new?.lastInspected)
        if both && first { return nil }
        out += "}"
        return out
    }

    /// The quoted names of the vocabulary, in bit order (the names need no escaping).
    private static let quotedAmenities: [String] = Amenity.allCases.map { "\"\($0.rawValue)\"" }

    private static func amenityList(_ set: AmenitySet) -> String {
        var out = "["
        var bits = set.bits
        var i = 0
        while bits != 0 && i < quotedAmenities.count {
            if bits & 1 != 0 {
                if out.utf8.count > 1 { out += "," }
                out += quotedAmenities[i]
            }
            bits >>= 1
            i += 1
        }
        return out + "]"
    }
}

/// Minimal JSON text helpers for values we write by hand.
enum JSONText {
    static func quoted(_ s: String) -> String { JSONWriter.quoted(s) }

    /// A finite number as JSON (whole numbers without a fraction).
    static func number(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

/// The current time as UTC ISO 8601 with seconds, e.g. `2026-11-21T16:55:00Z`.
package enum UTCClock {
    package static func nowISO() -> String {
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

/// Where an import's changes came from, as the history records it.
package struct HistorySource: Sendable {
    package var name: String
    package var crs: CoordinateSystem

    package init(name: String, crs: CoordinateSystem) {
        self.name = name
        self.crs = crs
    }
}

extension StationDatabase {
    static let insertHistoryPrefix =
        "INSERT INTO station_history (station_id, changed_at, actor, action, changes, source, crs) VALUES "

    /// Every recorded change to one station, oldest first (also after the station is deleted).
    public func history(stationID: String) throws -> [StationChange] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, station_id, changed_at, actor, action, changes, source, crs
                    FROM station_history WHERE station_id = ? ORDER BY seq
                    """,
                arguments: [stationID])
            return try rows.map { row in
                let seq: Int64 = row["seq"]
                let changesText: String = row["changes"]
                guard let action = StationChange.Action(rawValue: row["action"]),
                    let changes = try? JSONDecoder().decode(
                        [String: StationChange.FieldChange].self, from: Data(changesText.utf8))
                else { throw StoreError.corruptRow(table: "station_history", id: String(seq)) }
                return StationChange(
                    seq: seq, stationID: row["station_id"], changedAt: row["changed_at"], actor: row["actor"], action: action,
                    source: row["source"], crs: row["crs"], changes: changes)
            }
        }
    }
}
