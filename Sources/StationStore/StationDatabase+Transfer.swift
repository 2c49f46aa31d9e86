import GRDB
import StationCore

/// Handing over and taking in a whole SQLite ledger (`stationfinder migrate`).
extension StationDatabase: LedgerTransfer {
    public func contents() throws -> LedgerContents {
        try writer.read { db in
            let districts = try DistrictRecord.fetchAll(db, sql: """
                SELECT d.adcode, d.name, d.pinyin, d.population, o.geometry
                FROM districts d JOIN district_outlines o USING (adcode) ORDER BY d.adcode
                """)
            let stations = try Self.fetchStations(db, sql: StationRows.selectSQL + " ORDER BY id")
            let history = try Row.fetchAll(db, sql: """
                SELECT seq, station_id, changed_at, actor, action, changes, source, crs FROM station_history ORDER BY seq
                """).map { row in
                LedgerContents.HistoryRow(seq: row["seq"], stationID: row["station_id"], changedAt: row["changed_at"], actor: row["actor"],
                                          action: row["action"], changes: row["changes"], source: row["source"], crs: row["crs"])
            }
            let keys = try Row.fetchAll(db, sql: """
                SELECT id, role, organization, secret_sha256, created_at, revoked_at FROM api_keys ORDER BY created_at, id
                """).compactMap { row -> LedgerContents.KeyRow? in
                guard let role = KeyRole(rawValue: row["role"]) else { return nil }
                return LedgerContents.KeyRow(key: APIKey(id: row["id"], role: role, organization: row["organization"],
                                                         createdAt: row["created_at"], revokedAt: row["revoked_at"]),
                                             secretSHA256: row["secret_sha256"])
            }
            let reports = try FieldReport.fetchAll(db, sql: """
                SELECT id, station_id, district, kind, amenity, note, observed_at, received_at, reporter, status, resolved_at, resolved_by
                FROM station_reports ORDER BY id
                """)
            return LedgerContents(districts: districts, stations: stations, history: history, keys: keys, reports: reports)
        }
    }

    public func isEmpty() throws -> Bool {
        try writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM districts) + (SELECT count(*) FROM stations) + (SELECT count(*) FROM station_history)
                     + (SELECT count(*) FROM api_keys) + (SELECT count(*) FROM station_reports)
                """) == 0
        }
    }

    public func replaceContents(with contents: LedgerContents) throws {
        try writer.write { db in
            for table in ["station_reports", "api_keys", "station_history", "stations", "district_outlines", "districts"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            for r in contents.districts {
                try db.execute(sql: "INSERT INTO districts (adcode, name, pinyin, population) VALUES (?, ?, ?, ?)",
                               arguments: [r.adcode, r.name, r.pinyin, r.population])
                try db.execute(sql: "INSERT INTO district_outlines (adcode, geometry) VALUES (?, ?)", arguments: [r.adcode, r.geometry])
            }
            let insertStation = try db.makeStatement(sql: StationRows.insertPrefix + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for s in contents.stations { try insertStation.execute(arguments: StationRows.arguments(s)) }
            let insertHistory = try db.makeStatement(sql: """
                INSERT INTO station_history (seq, station_id, changed_at, actor, action, changes, source, crs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for h in contents.history {
                try insertHistory.execute(arguments: [h.seq, h.stationID, h.changedAt, h.actor, h.action, h.changes, h.source, h.crs])
            }
            for k in contents.keys {
                try db.execute(sql: """
                    INSERT INTO api_keys (id, role, organization, secret_sha256, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [k.key.id, k.key.role.rawValue, k.key.organization, k.secretSHA256, k.key.createdAt, k.key.revokedAt])
            }
            for r in contents.reports {
                try db.execute(sql: """
                    INSERT INTO station_reports (id, station_id, district, kind, amenity, note, observed_at, received_at, reporter, status,
                                                 resolved_at, resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [r.id, r.stationID, r.district, r.kind.rawValue, r.amenity?.rawValue, r.note, r.observedAtEpochSeconds,
                                     r.receivedAtEpochSeconds, r.reporter.rawValue, r.status.rawValue, r.resolvedAtEpochSeconds, r.resolvedBy])
            }
        }
    }
}
