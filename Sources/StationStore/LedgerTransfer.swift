import StationCore

/// A whole ledger as `stationfinder migrate` copies it between engines: everything but the schema.
public struct LedgerContents: Sendable {
    /// One `station_history` row as stored (the changes as their JSON text).
    public struct HistoryRow: Sendable, Equatable {
        public var seq: Int64
        public var stationID: String
        public var changedAt: String
        public var actor: String
        public var action: String
        public var changes: String
        public var source: String?
        public var crs: String?

        public init(seq: Int64, stationID: String, changedAt: String, actor: String, action: String, changes: String,
                    source: String?, crs: String?) {
            self.seq = seq
            self.stationID = stationID
            self.changedAt = changedAt
            self.actor = actor
            self.action = action
            self.changes = changes
            self.source = source
            self.crs = crs
        }
    }

    /// One `api_keys` row with its secret's SHA-256 (the secret itself is never stored anywhere).
    public struct KeyRow: Sendable, Equatable {
        public var key: APIKey
        public var secretSHA256: String

        public init(key: APIKey, secretSHA256: String) {
            self.key = key
            self.secretSHA256 = secretSHA256
        }
    }

    public var districts: [DistrictRecord]
    public var stations: [Station]
    public var history: [HistoryRow]
    public var keys: [KeyRow]
    public var reports: [FieldReport]

    public init(districts: [DistrictRecord], stations: [Station], history: [HistoryRow], keys: [KeyRow], reports: [FieldReport]) {
        self.districts = districts
        self.stations = stations
        self.history = history
        self.keys = keys
        self.reports = reports
    }

    /// The ledger version these contents are at: the latest history seq.
    public var version: Int64 { history.map(\.seq).max() ?? 0 }

    /// `districts, stations, history entries, keys, reports` counts, for messages.
    public var summary: String {
        "\(districts.count) districts, \(stations.count) stations, \(history.count) history entries, "
            + "\(keys.count) API keys, \(reports.count) field reports"
    }
}

/// A ledger engine that can hand over and take in a whole ledger (`stationfinder migrate`).
public protocol LedgerTransfer: LedgerStore {
    /// Everything stored, read in one transaction.
    func contents() async throws -> LedgerContents
    /// True when nothing at all is stored (no districts, stations, history, keys or reports).
    func isEmpty() async throws -> Bool
    /// Deletes everything stored and writes `contents` instead, in one transaction (all or nothing).
    func replaceContents(with contents: LedgerContents) async throws
}
