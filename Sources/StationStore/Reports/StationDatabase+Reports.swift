import GRDB
import StationCore

/// Filing, listing and resolving field reports. Reports never change a station.
extension StationDatabase {
    /// Files a report against an existing station; returns it as stored.
    /// - Throws: ``ReportError`` for a bad report or an unknown station.
    public func addReport(_ report: NewReport, receivedAtEpochSeconds: Int64) throws -> FieldReport {
        let r = try report.validated()
        return try writer.write { db in
            guard let district = try String.fetchOne(
                db, sql: "SELECT district FROM stations WHERE id = ?", arguments: [r.stationID])
            else { throw ReportError.unknownStation(r.stationID) }
            try db.execute(
                sql: """
                    INSERT INTO station_reports (station_id, district, kind, amenity, note, observed_at, received_at, reporter, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')
                    """,
                arguments: [r.stationID, district, r.kind.rawValue, r.amenity?.rawValue, r.note, r.observedAtEpochSeconds,
                            receivedAtEpochSeconds, r.reporter.rawValue])
            return FieldReport(
                id: db.lastInsertedRowID, stationID: r.stationID, district: district, kind: r.kind, amenity: r.amenity,
                note: r.note, observedAtEpochSeconds: r.observedAtEpochSeconds,
                receivedAtEpochSeconds: receivedAtEpochSeconds, reporter: r.reporter, status: .open)
        }
    }

    /// Reports observed at or after `since` (epoch seconds), of one district (adcode), kind and status when
    /// given; newest first.
    public func reports(
        sinceEpochSeconds since: Int64? = nil, district: String? = nil, kind: ReportKind? = nil, status: ReportStatus? = nil
    ) throws -> [FieldReport] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let since { conditions.append("observed_at >= ?"); arguments += [since] }
        if let district { conditions.append("district = ?"); arguments += [district] }
        if let kind { conditions.append("kind = ?"); arguments += [kind.rawValue] }
        if let status { conditions.append("status = ?"); arguments += [status.rawValue] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try writer.read { db in
            try FieldReport.fetchAll(db, sql: Self.reportSelect + filter + " ORDER BY observed_at DESC, id DESC", arguments: arguments)
        }
    }

    /// One report, or nil.
    public func report(id: Int64) throws -> FieldReport? {
        try writer.read { db in
            try FieldReport.fetchOne(db, sql: Self.reportSelect + " WHERE id = ?", arguments: [id])
        }
    }

    /// Marks a report resolved by `actor`; resolving twice keeps the first resolution.
    /// - Throws: ``ReportError/unknownReport(_:)``.
    public func resolveReport(id: Int64, actor: String, atEpochSeconds: Int64) throws -> FieldReport {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE station_reports SET status = 'resolved', resolved_at = ?, resolved_by = ? WHERE id = ? AND status = 'open'",
                arguments: [atEpochSeconds, actor, id])
            guard let row = try Row.fetchOne(db, sql: Self.reportSelect + " WHERE id = ?", arguments: [id]) else {
                throw ReportError.unknownReport(id)
            }
            return try FieldReport(row: row)
        }
    }

    /// A station's ``ReportSummary`` at `now`.
    public func reportSummary(stationID: String, nowEpochSeconds now: Int64) throws -> ReportSummary {
        try writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT
                      (SELECT count(*) FROM station_reports WHERE station_id = ?1 AND kind = 'closed' AND status = 'open'
                         AND observed_at > ?2 AND observed_at <= ?3) AS closed_7d,
                      (SELECT max(observed_at) FROM station_reports WHERE station_id = ?1 AND kind = 'closed') AS last_closed,
                      (SELECT count(*) FROM station_reports WHERE station_id = ?1 AND status = 'open') AS unresolved
                    """,
                arguments: [stationID, now - ClosedReportTally.windowSeconds, now])!
            return ReportSummary(closedLast7Days: row["closed_7d"], lastClosedAtEpochSeconds: row["last_closed"],
                                 unresolved: row["unresolved"])
        }
    }

    /// Every unresolved `closed` report observed in the 7 days up to `now` (and any dated later), as the
    /// tally that nearest and along answers read.
    public func closedReportTally(nowEpochSeconds now: Int64) throws -> ClosedReportTally {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT station_id, observed_at FROM station_reports WHERE kind = 'closed' AND status = 'open' AND observed_at > ?",
                arguments: [now - ClosedReportTally.windowSeconds])
            return ClosedReportTally(reports: rows.map { (stationID: $0["station_id"], atEpochSeconds: $0["observed_at"]) })
        }
    }

    private static let reportSelect = """
        SELECT id, station_id, district, kind, amenity, note, observed_at, received_at, reporter, status, resolved_at, resolved_by
        FROM station_reports
        """
}
