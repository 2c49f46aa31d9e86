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

    /// Rows per multi-row statement: 1,000 stations are 15,000 parameters (the protocol allows 65,535).
    static let batchRows = 1_000

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
        for start in stride(from: 0, to: deletions.count, by: Self.batchRows) {
            let ids = Array(deletions[start..<min(start + Self.batchRows, deletions.count)])
            try await connection.query("DELETE FROM stations WHERE id = ANY(\(ids))", logger: logger)
        }
        let assignments = PostgresStationRows.columns.split(separator: ",").dropFirst()
            .map { $0.trimmingCharacters(in: .whitespaces) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        for start in stride(from: 0, to: upserts.count, by: Self.batchRows) {
            let batch = upserts[start..<min(start + Self.batchRows, upserts.count)]
            var bindings = PostgresBindings(capacity: batch.count * PostgresStationRows.columnCount)
            for s in batch { PostgresStationRows.bind(s, to: &bindings) }
            let sql = "INSERT INTO stations (\(PostgresStationRows.columns)) VALUES "
                + PostgresStationRows.placeholders(rows: batch.count, width: PostgresStationRows.columnCount)
                + " ON CONFLICT (id) DO UPDATE SET \(assignments)"
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
        let historyWidth = 8
        for start in stride(from: 0, to: history.count, by: Self.batchRows) {
            let end = min(start + Self.batchRows, history.count)
            var bindings = PostgresBindings(capacity: (end - start) * historyWidth)
            for i in start..<end {
                let h = history[i]
                bindings.append(startVersion + Int64(i) + 1)
                bindings.append(h.stationID)
                bindings.append(changedAt)
                bindings.append(actor)
                bindings.append(h.action)
                bindings.append(h.changes)
                bindings.append(source?.name)
                bindings.append(source?.crs.rawValue)
            }
            let sql = "INSERT INTO station_history (seq, station_id, changed_at, actor, action, changes, source, crs) VALUES "
                + PostgresStationRows.placeholders(rows: end - start, width: historyWidth)
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
        if !history.isEmpty {
            let version = startVersion + Int64(history.count)
            try await connection.query("UPDATE ledger_state SET version = \(version)", logger: logger)
            try await connection.query("SELECT pg_notify(\(PostgresSchema.channel), \(String(version)))", logger: logger)
        }
        return tally
    }
}
