import Foundation
import Logging
import PostgresNIO
import StationCore
import StationStore

/// Districts, stations, single-station writes and history.
extension PostgresLedger {
    public func districts() async throws -> [DistrictRecord] {
        try await rows("""
            SELECT d.adcode, d.name, d.pinyin, d.population, o.geometry
            FROM districts d JOIN district_outlines o USING (adcode) ORDER BY d.adcode
            """).map { row in
            let (adcode, name, pinyin, population, geometry) = try row.decode((String, String, String, Int64?, String).self)
            return DistrictRecord(adcode: adcode, name: name, pinyin: pinyin, population: population.map(Int.init), geometry: geometry)
        }
    }

    public func store(districts records: [DistrictRecord]) async throws -> Int {
        try await transaction { connection, logger in
            for r in records {
                let population = r.population.map(Int64.init)
                try await connection.query("""
                    INSERT INTO districts (adcode, name, pinyin, population) VALUES (\(r.adcode), \(r.name), \(r.pinyin), \(population))
                    ON CONFLICT (adcode) DO UPDATE SET name = excluded.name, pinyin = excluded.pinyin,
                    population = coalesce(excluded.population, districts.population)
                    """, logger: logger)
                try await connection.query("""
                    INSERT INTO district_outlines (adcode, geometry) VALUES (\(r.adcode), \(r.geometry))
                    ON CONFLICT (adcode) DO UPDATE SET geometry = excluded.geometry
                    """, logger: logger)
            }
            return records.count
        }
    }

    public func ledgerVersion() async throws -> Int64 {
        try await rows("SELECT version FROM ledger_state").first?.decode(Int64.self) ?? 0
    }

    public func versionedStations() async throws -> (stations: [Station], version: Int64) {
        try await transaction(readOnly: true) { connection, logger in
            let version = try await connection.all("SELECT version FROM ledger_state", logger: logger).first?.decode(Int64.self) ?? 0
            let stations = try await PostgresStationRows.fetch(connection, where: "ORDER BY id", logger: logger)
            return (stations, version)
        }
    }

    public func station(id: String) async throws -> Station? {
        try await transaction(readOnly: true) { connection, logger in
            try await PostgresStationRows.fetch(connection, where: "WHERE id = $1", binds: [id], logger: logger).first
        }
    }

    public func stations(district: String?) async throws -> [Station] {
        guard let district else {
            return try await versionedStations().stations
        }
        guard let known = try await districts().map(\.districtName).first(where: { $0.matches(district) }) else {
            throw StoreError.unknownDistrict(district)
        }
        return try await transaction(readOnly: true) { connection, logger in
            try await PostgresStationRows.fetch(connection, where: "WHERE district = $1 ORDER BY id", binds: [known.adcode], logger: logger)
        }
    }

    public func upsert(_ station: Station, actor: String) async throws {
        try await ledgerWrite(actor: actor, source: nil) { writer in
            guard try await writer.connection.all("SELECT 1 FROM districts WHERE adcode = \(station.district)", logger: writer.logger).count == 1 else {
                throw StoreError.unknownDistrict(station.district)
            }
            let old = try await PostgresStationRows.fetch(writer.connection, where: "WHERE id = $1", binds: [station.id],
                                                          logger: writer.logger).first
            writer.put(station, old: old, changes: StationDiff.changesJSON(old: old, new: station))
        }
    }

    public func delete(id: String, actor: String) async throws {
        try await ledgerWrite(actor: actor, source: nil) { writer in
            guard let old = try await PostgresStationRows.fetch(writer.connection, where: "WHERE id = $1", binds: [id],
                                                                logger: writer.logger).first
            else { throw StoreError.unknownStation(id) }
            writer.remove(old)
        }
    }

    public func history(stationID: String) async throws -> [StationChange] {
        try await rows("""
            SELECT seq, station_id, changed_at, actor, action, changes, source, crs
            FROM station_history WHERE station_id = \(stationID) ORDER BY seq
            """).map { row in
            let (seq, station, changedAt, actor, actionText, changesText, source, crs) =
                try row.decode((Int64, String, String, String, String, String, String?, String?).self)
            guard let action = StationChange.Action(rawValue: actionText),
                let changes = try? JSONDecoder().decode([String: StationChange.FieldChange].self, from: Data(changesText.utf8))
            else { throw StoreError.corruptRow(table: "station_history", id: String(seq)) }
            return StationChange(seq: seq, stationID: station, changedAt: changedAt, actor: actor, action: action,
                                 source: source, crs: crs, changes: changes)
        }
    }

    /// Runs one station write: locks the ledger version, lets `body` stage its changes, writes them with
    /// their history rows, moves the version to the last history seq and announces it, all in one transaction.
    /// - Returns: the writer's tallies (inserted, updated, unchanged, deleted).
    @discardableResult
    func ledgerWrite(actor: String, source: HistorySource?,
                     _ body: @escaping @Sendable (PostgresLedgerWriter) async throws -> Void) async throws -> PostgresLedgerWriter.Tally {
        try await transaction { connection, logger in
            let version = try await connection.all("SELECT version FROM ledger_state FOR UPDATE", logger: logger)
                .first?.decode(Int64.self) ?? 0
            let writer = PostgresLedgerWriter(connection: connection, logger: logger, actor: actor, source: source, version: version)
            try await body(writer)
            return try await writer.finish()
        }
    }
}
