import Foundation

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
