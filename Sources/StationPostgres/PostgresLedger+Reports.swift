import Logging
import PostgresNIO
import StationCore
import StationStore

/// Field reports: filing, listing and resolving, as the SQLite ledger does them. Reports never change a station.
extension PostgresLedger {
    static let reportColumns =
        "id, station_id, district, kind, amenity, note, observed_at, received_at, reporter, status, resolved_at, resolved_by"

    public func addReport(_ report: NewReport, receivedAtEpochSeconds: Int64) async throws -> FieldReport {
        let r = try report.validated()
        return try await transaction { connection, logger in
            guard let district = try await connection.all("SELECT district FROM stations WHERE id = \(r.stationID)", logger: logger)
                .first?.decode(String.self)
            else { throw ReportError.unknownStation(r.stationID) }
            let inserted = try await connection.all("""
                INSERT INTO station_reports (station_id, district, kind, amenity, note, observed_at, received_at, reporter, status)
                VALUES (\(r.stationID), \(district), \(r.kind.rawValue), \(r.amenity?.rawValue), \(r.note), \(r.observedAtEpochSeconds),
                        \(receivedAtEpochSeconds), \(r.reporter.rawValue), 'open') RETURNING \(unescaped: Self.reportColumns)
                """, logger: logger)
            guard let row = inserted.first else { throw StoreError.corruptRow(table: "station_reports", id: "new") }
            try await Self.announceReports(connection, logger: logger)
            return try Self.fieldReport(row)
        }
    }

    public func reports(sinceEpochSeconds since: Int64?, district: String?, kind: ReportKind?, status: ReportStatus?) async throws -> [FieldReport] {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        if let since { bindings.append(since); conditions.append("observed_at >= $\(bindings.count)") }
        if let district { bindings.append(district); conditions.append("district = $\(bindings.count)") }
        if let kind { bindings.append(kind.rawValue); conditions.append("kind = $\(bindings.count)") }
        if let status { bindings.append(status.rawValue); conditions.append("status = $\(bindings.count)") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(Self.reportColumns) FROM station_reports\(filter) ORDER BY observed_at DESC, id DESC"
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings)).map(Self.fieldReport)
    }

    public func report(id: Int64) async throws -> FieldReport? {
        try await rows("SELECT \(unescaped: Self.reportColumns) FROM station_reports WHERE id = \(id)").first.map(Self.fieldReport)
    }

    public func resolveReport(id: Int64, actor: String, atEpochSeconds: Int64) async throws -> FieldReport {
        try await transaction { connection, logger in
            try await connection.query("""
                UPDATE station_reports SET status = 'resolved', resolved_at = \(atEpochSeconds), resolved_by = \(actor)
                WHERE id = \(id) AND status = 'open'
                """, logger: logger)
            guard let row = try await connection.all("SELECT \(unescaped: Self.reportColumns) FROM station_reports WHERE id = \(id)",
                                                      logger: logger).first
            else { throw ReportError.unknownReport(id) }
            try await Self.announceReports(connection, logger: logger)
            return try Self.fieldReport(row)
        }
    }

    /// Announces a report write with the unchanged ledger version: followers reload their tally of
    /// recent `closed` reports (their snapshot is already at that version, so it is not rebuilt).
    static func announceReports(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_notify(\(PostgresSchema.channel), (SELECT version::text FROM ledger_state))", logger: logger)
    }

    public func reportSummary(stationID: String, nowEpochSeconds now: Int64) async throws -> ReportSummary {
        let since = now - ClosedReportTally.windowSeconds
        let row = try await rows("""
            SELECT
              (SELECT count(*) FROM station_reports WHERE station_id = \(stationID) AND kind = 'closed' AND status = 'open'
                 AND observed_at > \(since) AND observed_at <= \(now)),
              (SELECT max(observed_at) FROM station_reports WHERE station_id = \(stationID) AND kind = 'closed'),
              (SELECT count(*) FROM station_reports WHERE station_id = \(stationID) AND status = 'open')
            """).first
        guard let row else { return ReportSummary(closedLast7Days: 0, lastClosedAtEpochSeconds: nil, unresolved: 0) }
        let (closed, last, unresolved) = try row.decode((Int64, Int64?, Int64).self)
        return ReportSummary(closedLast7Days: Int(closed), lastClosedAtEpochSeconds: last, unresolved: Int(unresolved))
    }

    public func closedReportTally(nowEpochSeconds now: Int64) async throws -> ClosedReportTally {
        let since = now - ClosedReportTally.windowSeconds
        let found = try await rows("""
            SELECT station_id, observed_at FROM station_reports WHERE kind = 'closed' AND status = 'open' AND observed_at > \(since)
            """).map { row in
            let (station, at) = try row.decode((String, Int64).self)
            return (stationID: station, atEpochSeconds: at)
        }
        return ClosedReportTally(reports: found)
    }

    static func fieldReport(_ row: PostgresRow) throws -> FieldReport {
        let (id, station, district, kindText, amenityText, note, observed, received, reporterText, statusText, resolvedAt, resolvedBy) =
            try row.decode((Int64, String, String, String, String?, String?, Int64, Int64, String, String, Int64?, String?).self)
        guard let kind = ReportKind(rawValue: kindText), let reporter = ReportReporter(rawValue: reporterText),
            let status = ReportStatus(rawValue: statusText)
        else { throw StoreError.corruptRow(table: "station_reports", id: String(id)) }
        return FieldReport(id: id, stationID: station, district: district, kind: kind, amenity: amenityText.flatMap(Amenity.init(rawValue:)),
                           note: note, observedAtEpochSeconds: observed, receivedAtEpochSeconds: received, reporter: reporter,
                           status: status, resolvedAtEpochSeconds: resolvedAt, resolvedBy: resolvedBy)
    }
}
