import Foundation
import Logging
import PostgresNIO
import StationCore
import StationStore

/// The PostgreSQL ledger's schema and its versioned migrations.
///
/// The same rules as the SQLite schema (NOT NULL, CHECKs on every vocabulary, unique ids), so no
/// client, psql included, can store a station the importer would refuse. `schema_version` holds the
/// number of migrations applied; a database with more than this program knows is refused.
enum PostgresSchema {
    /// Every migration, in order; the schema version is how many have run. Append, never edit.
    static let migrations: [String] = [v1]

    static var currentVersion: Int64 { Int64(migrations.count) }

    /// The channel every committed write is announced on; the payload is the new ledger version.
    static let channel = "stationfinder_ledger"

    /// Serialises concurrent migrations (two `setup`s at once): a transaction-scoped advisory lock.
    private static let migrationLockKey: Int64 = 0x5354_4146_494E_4445  // "STAFINDE"

    /// Brings the schema up to date in one transaction.
    /// - Throws: ``StoreError/schemaAhead(location:)`` for a database from a newer StationFinder.
    static func migrate(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLockKey))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS schema_version (version bigint NOT NULL CHECK (version >= 0))", logger: logger)
            var version = try await storedVersion(connection, logger: logger)
            if version == nil {
                try await connection.query("INSERT INTO schema_version (version) VALUES (0)", logger: logger)
                version = 0
            }
            let applied = version ?? 0
            guard applied <= currentVersion else { throw StoreError.schemaAhead(location: location) }
            for (index, sql) in migrations.enumerated().dropFirst(Int(applied)) {
                // One statement per query: the extended protocol takes no more.
                for statement in sql.components(separatedBy: ";\n") {
                    let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !text.isEmpty { try await connection.query(PostgresQuery(unsafeSQL: text), logger: logger) }
                }
                try await connection.query("UPDATE schema_version SET version = \(Int64(index + 1))", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Refuses a schema this program cannot read without writing: missing, older or newer.
    static func check(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
        let exists = try await connection.query("SELECT to_regclass('schema_version') IS NOT NULL", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        guard exists, let version = try await storedVersion(connection, logger: logger) else {
            throw StoreError.geodata("no StationFinder ledger in \(location); run `stationfinder setup --db \(location)` first")
        }
        if version > currentVersion { throw StoreError.schemaAhead(location: location) }
        if version < currentVersion { throw StoreError.schemaBehind(location: location) }
    }

    private static func storedVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        try await connection.query("SELECT version FROM schema_version", logger: logger).collect().first?.decode(Int64.self)
    }

    private static func sqlList(_ values: [String]) -> String {
        values.map { "'\($0)'" }.joined(separator: ", ")
    }

    static var v1: String {
        let grades = sqlList(Grade.allCases.map(\.rawValue))
        let hosts = sqlList(HostType.allCases.map(\.rawValue))
        let statuses = sqlList(StationStatus.allCases.map(\.rawValue))
        let crs = sqlList(CoordinateSystem.allCases.map(\.rawValue))
        let kinds = sqlList(ReportKind.allCases.map(\.rawValue))
        let amenities = sqlList(Amenity.allCases.map(\.rawValue))
        let reporters = sqlList(ReportReporter.allCases.map(\.rawValue))
        let roles = sqlList(KeyRole.allCases.map(\.rawValue))
        let allAmenities = AmenitySet(Amenity.allCases).bits
        return """
            CREATE TABLE districts (
                adcode text PRIMARY KEY CHECK (adcode ~ '^[0-9]{6}$'),
                name text NOT NULL CHECK (name <> ''),
                pinyin text NOT NULL CHECK (pinyin <> ''),
                population bigint CHECK (population IS NULL OR population >= 0)
            );
            -- Outlines apart from the names, as in the SQLite schema; kept as the text given (json, not jsonb).
            CREATE TABLE district_outlines (
                adcode text PRIMARY KEY REFERENCES districts(adcode) ON DELETE CASCADE,
                geometry text NOT NULL CHECK (geometry::json IS NOT NULL)
            );
            CREATE TABLE stations (
                id text PRIMARY KEY CHECK (id <> ''),
                name text NOT NULL CHECK (name <> ''),
                lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
                lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
                address text,
                -- A known adcode: checked by the importer and upsert against districts (no foreign key, as in SQLite).
                district text NOT NULL CHECK (length(district) = 6),
                grade text NOT NULL CHECK (grade IN (\(grades))),
                organization text CHECK (organization IS NULL OR organization <> ''),
                host_type text NOT NULL CHECK (host_type IN (\(hosts))),
                opening_hours text NOT NULL CHECK (opening_hours <> ''),
                amenities bigint NOT NULL CHECK (amenities BETWEEN 0 AND \(allAmenities)),
                phone text,
                status text NOT NULL CHECK (status IN (\(statuses))),
                rating bigint CHECK (rating IS NULL OR rating BETWEEN 0 AND 5),
                last_inspected text CHECK (last_inspected IS NULL
                    OR (last_inspected ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char(last_inspected::date, 'YYYY-MM-DD') = last_inspected)),
                CHECK (grade <> 'C' OR organization IS NOT NULL)
            );
            CREATE INDEX stations_district ON stations(district);

            -- No foreign key to stations: the history of a deleted station outlives it. seq is assigned
            -- under the ledger_state row lock, so it grows in commit order and the latest one is the version.
            CREATE TABLE station_history (
                seq bigint PRIMARY KEY CHECK (seq > 0),
                station_id text NOT NULL CHECK (station_id <> ''),
                changed_at text NOT NULL CHECK (changed_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T.*Z$'),
                actor text NOT NULL CHECK (actor <> ''),
                action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
                changes text NOT NULL CHECK (changes::json IS NOT NULL),
                source text CHECK (source IS NULL OR source <> ''),
                crs text CHECK (crs IS NULL OR crs IN (\(crs)))
            );
            CREATE INDEX station_history_station ON station_history(station_id, seq);

            -- The ledger version (the latest history seq), one row; every station write locks it first,
            -- so writers from any replica take turns and the version only grows.
            CREATE TABLE ledger_state (
                only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                version bigint NOT NULL CHECK (version >= 0)
            );
            INSERT INTO ledger_state (only_row, version) VALUES (true, 0);

            CREATE TABLE api_keys (
                id text PRIMARY KEY CHECK (id <> ''),
                role text NOT NULL CHECK (role IN (\(roles))),
                organization text CHECK (organization IS NULL OR organization <> ''),
                secret_sha256 text NOT NULL UNIQUE CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
                created_at text NOT NULL,
                revoked_at text
            );

            CREATE TABLE station_reports (
                id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                station_id text NOT NULL CHECK (station_id <> ''),
                district text NOT NULL CHECK (length(district) = 6),
                kind text NOT NULL CHECK (kind IN (\(kinds))),
                amenity text CHECK (amenity IS NULL OR amenity IN (\(amenities))),
                note text CHECK (note IS NULL OR length(note) BETWEEN 1 AND \(NewReport.maxNoteCharacters)),
                observed_at bigint NOT NULL,
                received_at bigint NOT NULL,
                reporter text NOT NULL CHECK (reporter IN (\(reporters))),
                status text NOT NULL CHECK (status IN ('open', 'resolved')),
                resolved_at bigint,
                resolved_by text,
                CHECK (kind <> 'amenity_missing' OR amenity IS NOT NULL),
                CHECK ((status = 'open') = (resolved_at IS NULL AND resolved_by IS NULL))
            );
            CREATE INDEX station_reports_station ON station_reports(station_id, kind, observed_at);
            CREATE INDEX station_reports_observed ON station_reports(observed_at);
            """
    }
}
