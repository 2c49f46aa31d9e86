import StationCore

extension StationDatabase {
    /// Reports from the field (migration `v3-station-reports`): what a worker found at a station, when, and
    /// with which kind of key. No address of the caller is stored (rate limiting keeps a salted hash in memory).
    ///
    /// No foreign key to stations: like the history, a deleted station's reports stay for the inspectors;
    /// a report names a station that existed when it was filed (checked in ``addReport(_:receivedAtEpochSeconds:)``).
    static var schemaStationReports: String {
        let kinds = ReportKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let amenities = Amenity.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let roles = ReportReporter.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return """
            CREATE TABLE station_reports (
                id INTEGER PRIMARY KEY,
                station_id TEXT NOT NULL CHECK (station_id <> ''),
                -- The station's district when the report was filed, for inspectors' filters.
                district TEXT NOT NULL CHECK (length(district) = 6),
                kind TEXT NOT NULL CHECK (kind IN (\(kinds))),
                amenity TEXT CHECK (amenity IS NULL OR amenity IN (\(amenities))),
                note TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND \(NewReport.maxNoteCharacters)),
                -- When the worker saw it and when the server got it, Unix epoch seconds.
                observed_at INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                reporter TEXT NOT NULL CHECK (reporter IN (\(roles))),
                status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
                resolved_at INTEGER,
                resolved_by TEXT,
                CHECK (kind <> 'amenity_missing' OR amenity IS NOT NULL),
                CHECK ((status = 'open') = (resolved_at IS NULL AND resolved_by IS NULL))
            ) STRICT;
            CREATE INDEX station_reports_station ON station_reports(station_id, kind, observed_at);
            CREATE INDEX station_reports_observed ON station_reports(observed_at);
            """
    }
}
