import PostgresNIO
import StationCore
import StationStore

/// Handing over and taking in a whole PostgreSQL ledger (`stationfinder migrate`).
extension PostgresLedger: LedgerTransfer {
    public func contents() async throws -> LedgerContents {
        let districts = try await districts()
        return try await transaction(readOnly: true) { connection, logger in
            let stations = try await PostgresStationRows.fetch(connection, where: "ORDER BY id", logger: logger)
            let history = try await connection.all(
                "SELECT seq, station_id, changed_at, actor, action, changes, source, crs FROM station_history ORDER BY seq", logger: logger
            ).map { row in
                let (seq, station, at, actor, action, changes, source, crs) =
                    try row.decode((Int64, String, String, String, String, String, String?, String?).self)
                return LedgerContents.HistoryRow(seq: seq, stationID: station, changedAt: at, actor: actor, action: action,
                                                 changes: changes, source: source, crs: crs)
            }
            let keys = try await connection.all(
                "SELECT id, role, organization, secret_sha256, created_at, revoked_at FROM api_keys ORDER BY created_at, id", logger: logger
            ).compactMap { row -> LedgerContents.KeyRow? in
                let (id, roleText, organization, hash, createdAt, revokedAt) =
                    try row.decode((String, String, String?, String, String, String?).self)
                guard let role = KeyRole(rawValue: roleText) else { return nil }
                return LedgerContents.KeyRow(key: APIKey(id: id, role: role, organization: organization, createdAt: createdAt,
                                                         revokedAt: revokedAt), secretSHA256: hash)
            }
            let reports = try await connection.all("SELECT \(unescaped: Self.reportColumns) FROM station_reports ORDER BY id", logger: logger)
                .map(Self.fieldReport)
            return LedgerContents(districts: districts, stations: stations, history: history, keys: keys, reports: reports)
        }
    }

    public func isEmpty() async throws -> Bool {
        try await rows("""
            SELECT (SELECT count(*) FROM districts) + (SELECT count(*) FROM stations) + (SELECT count(*) FROM station_history)
                 + (SELECT count(*) FROM api_keys) + (SELECT count(*) FROM station_reports)
            """).first?.decode(Int64.self) == 0
    }

    /// Also moves the ledger version past both the old and the new contents' (snapshots only move
    /// forward, so replicas following this database take the new contents) and announces it.
    public func replaceContents(with contents: LedgerContents) async throws {
        try await transaction { connection, logger in
            let old = try await connection.all("SELECT version FROM ledger_state FOR UPDATE", logger: logger).first?.decode(Int64.self) ?? 0
            try await connection.query("TRUNCATE station_reports, api_keys, station_history, stations, district_outlines, districts",
                                       logger: logger)
            for r in contents.districts {
                let population = r.population.map(Int64.init)
                try await connection.query("INSERT INTO districts (adcode, name, pinyin, population) VALUES (\(r.adcode), \(r.name), \(r.pinyin), \(population))",
                                           logger: logger)
                try await connection.query("INSERT INTO district_outlines (adcode, geometry) VALUES (\(r.adcode), \(r.geometry))", logger: logger)
            }
            try await PostgresStationRows.insert(contents.stations, updatingExisting: false, on: connection, logger: logger)
            try await PostgresStationRows.insert(contents.history, on: connection, logger: logger)
            for k in contents.keys {
                try await connection.query("""
                    INSERT INTO api_keys (id, role, organization, secret_sha256, created_at, revoked_at)
                    VALUES (\(k.key.id), \(k.key.role.rawValue), \(k.key.organization), \(k.secretSHA256), \(k.key.createdAt), \(k.key.revokedAt))
                    """, logger: logger)
            }
            for r in contents.reports {
                try await connection.query("""
                    INSERT INTO station_reports (id, station_id, district, kind, amenity, note, observed_at, received_at, reporter, status,
                                                 resolved_at, resolved_by)
                    VALUES (\(r.id), \(r.stationID), \(r.district), \(r.kind.rawValue), \(r.amenity?.rawValue), \(r.note),
                            \(r.observedAtEpochSeconds), \(r.receivedAtEpochSeconds), \(r.reporter.rawValue), \(r.status.rawValue),
                            \(r.resolvedAtEpochSeconds), \(r.resolvedBy))
                    """, logger: logger)
            }
            try await connection.query(
                "SELECT setval(pg_get_serial_sequence('station_reports', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM station_reports), false)",
                logger: logger)
            let version = max(old, contents.version) + 1
            try await connection.query("UPDATE ledger_state SET version = \(version)", logger: logger)
            try await connection.query("SELECT pg_notify(\(PostgresSchema.channel), \(String(version)))", logger: logger)
        }
    }
}
