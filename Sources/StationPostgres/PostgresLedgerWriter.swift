import Logging
import PostgresNIO
import StationCore
import StationStore

/// The station changes of one write transaction, staged and then sent in multi-row statements
/// (an import of 10,000 stations is a handful of round trips, not 20,000).
///
/// Created by ``PostgresLedger/ledgerWrite(actor:source:_:)`` after it locked the ledger version:
/// history rows take the sequence numbers after that version, in the order the changes were staged.
final class PostgresLedgerWriter {
    struct Tally: Sendable {
        var inserted = 0, updated = 0, unchanged = 0, deleted = 0
    }

    let connection: PostgresConnection
    let logger: Logger
    let actor: String
    let source: HistorySource?
    let changedAt = UTCClock.nowISO()
    private let startVersion: Int64
    private(set) var tally = Tally()
    private var upserts: [Station] = []
    private var deletions: [String] = []
    private var history: [(stationID: String, action: String, changes: String)] = []

    init(connection: PostgresConnection, logger: Logger, actor: String, source: HistorySource?, version: Int64) {
        self.connection = connection
        self.logger = logger
        self.actor = actor
        self.source = source
        startVersion = version
    }

    /// Stages `station` given its stored version `old` (nil: new) and the history JSON (nil: unchanged).
    func put(_ station: Station, old: Station?, changes: String?) {
        guard let changes else {
            tally.unchanged += 1
            return
        }
        if old == nil { tally.inserted += 1 } else { tally.updated += 1 }
        upserts.append(station)
        history.append((station.id, old == nil ? "insert" : "update", changes))
    }

    /// Stages the deletion of `old`, recording its last values.
    func remove(_ old: Station) {
        deletions.append(old.id)
        history.append((old.id, "delete", StationDiff.changesJSON(old: old, new: nil) ?? "{}"))
        tally.deleted += 1
    }

    /// Writes what was staged, moves the ledger version and announces it (delivered on commit).
    func finish() async throws -> Tally {
        for start in stride(from: 0, to: deletions.count, by: PostgresStationRows.batchRows) {
            let ids = Array(deletions[start..<min(start + PostgresStationRows.batchRows, deletions.count)])
            try await connection.query("DELETE FROM stations WHERE id = ANY(\(ids))", logger: logger)
        }
        try await PostgresStationRows.insert(upserts, updatingExisting: true, on: connection, logger: logger)
        let rows = history.enumerated().map { i, h in
            LedgerContents.HistoryRow(seq: startVersion + Int64(i) + 1, stationID: h.stationID, changedAt: changedAt, actor: actor,
                                      action: h.action, changes: h.changes, source: source?.name, crs: source?.crs.rawValue)
        }
        try await PostgresStationRows.insert(rows, on: connection, logger: logger)
        if !history.isEmpty {
            let version = startVersion + Int64(history.count)
            try await connection.query("UPDATE ledger_state SET version = \(version)", logger: logger)
            try await connection.query("SELECT pg_notify(\(PostgresSchema.channel), \(String(version)))", logger: logger)
        }
        return tally
    }
}
