import GRDB
import StationCore

/// The ledger's schema. The rules live in SQLite (NOT NULL, CHECK, foreign keys) so that no
/// code path, including a hand-edited database, can store a station the importer would refuse.
extension StationDatabase {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: schemaV1)
        }
        // Imports record the file they came from and the coordinate system they were read in.
        migrator.registerMigration("v2-history-source") { db in
            try db.execute(sql: """
                ALTER TABLE station_history ADD COLUMN source TEXT CHECK (source IS NULL OR source <> '');
                ALTER TABLE station_history ADD COLUMN crs TEXT CHECK (crs IS NULL OR crs IN ('wgs84', 'gcj02', 'bd09'));
                """)
        }
        // Reports from the field: a table of their own.
        migrator.registerMigration("v3-station-reports") { db in
            try db.execute(sql: schemaStationReports)
        }
        return migrator
    }

    private static func sqlList(_ values: [String]) -> String {
        values.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// The largest valid amenity bit mask (every amenity of the vocabulary).
    static var allAmenitiesMask: UInt32 { AmenitySet(Amenity.allCases).bits }

    static var schemaV1: String {
        """
        CREATE TABLE districts (
            adcode TEXT PRIMARY KEY NOT NULL CHECK (length(adcode) = 6 AND adcode NOT GLOB '*[^0-9]*'),
            name TEXT NOT NULL CHECK (name <> ''),
            pinyin TEXT NOT NULL CHECK (pinyin <> ''),
            population INTEGER CHECK (population IS NULL OR population >= 0)
        ) STRICT;

        -- Outlines apart from the names: every station row checks its district against
        -- `districts`, and that lookup must not wade through megabytes of GeoJSON.
        CREATE TABLE district_outlines (
            adcode TEXT PRIMARY KEY NOT NULL REFERENCES districts(adcode) ON DELETE CASCADE,
            geometry TEXT NOT NULL CHECK (json_valid(geometry))
        ) STRICT;

        CREATE TABLE stations (
            id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
            lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
            address TEXT,
            -- A known adcode: checked by the importer and upsert(_:actor:) against `districts`.
            -- Not a foreign key: StoreBench measured the per-row parent lookup at about 40% of
            -- the 100,000-station import.
            district TEXT NOT NULL CHECK (length(district) = 6),
            grade TEXT NOT NULL CHECK (grade IN (\(sqlList(Grade.allCases.map(\.rawValue))))),
            organization TEXT CHECK (organization IS NULL OR organization <> ''),
            host_type TEXT NOT NULL CHECK (host_type IN (\(sqlList(HostType.allCases.map(\.rawValue))))),
            opening_hours TEXT NOT NULL CHECK (opening_hours <> ''),
            amenities INTEGER NOT NULL CHECK (amenities BETWEEN 0 AND \(allAmenitiesMask)),
            phone TEXT,
            status TEXT NOT NULL CHECK (status IN (\(sqlList(StationStatus.allCases.map(\.rawValue))))),
            rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 0 AND 5),
            last_inspected TEXT CHECK (last_inspected IS NULL OR date(last_inspected) IS last_inspected),
            CHECK (grade <> 'C' OR organization IS NOT NULL)
        ) STRICT;
        CREATE INDEX stations_district ON stations(district);

        -- No foreign key to stations: the history of a deleted station must outlive it.
        CREATE TABLE station_history (
            seq INTEGER PRIMARY KEY,  -- rowid; history rows are never deleted, so it only grows
            station_id TEXT NOT NULL CHECK (station_id <> ''),
            changed_at TEXT NOT NULL CHECK (changed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
            actor TEXT NOT NULL CHECK (actor <> ''),
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
            changes TEXT NOT NULL CHECK (json_valid(changes))
        ) STRICT;
        CREATE INDEX station_history_station ON station_history(station_id, seq);

        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
            role TEXT NOT NULL CHECK (role IN ('editor', 'auditor', 'member')),
            organization TEXT CHECK (organization IS NULL OR organization <> ''),
            secret_sha256 TEXT NOT NULL UNIQUE CHECK (length(secret_sha256) = 64),
            created_at TEXT NOT NULL,
            revoked_at TEXT
        ) STRICT;
        """
    }
}
