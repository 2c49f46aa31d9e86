import GRDB
import StationCore

/// The ledger's version: the sequence number of its latest history entry. Every station change
/// (from any process: the server, a CLI import, another replica) appends history, so the number
/// grows with each committed change and a reader can tell cheaply whether its copy is current.
extension StationDatabase {
    /// The version now (0 for a ledger that never changed); one indexed lookup.
    public func ledgerVersion() throws -> Int64 {
        try writer.read { db in try Self.ledgerVersion(db) }
    }

    /// Every station (by id) and the version they are at, read in one transaction.
    public func versionedStations() throws -> (stations: [Station], version: Int64) {
        try writer.read { db in
            (try Self.fetchStations(db, sql: StationRows.selectSQL + " ORDER BY id"), try Self.ledgerVersion(db))
        }
    }

    static func ledgerVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM station_history") ?? 0
    }
}
