import Foundation
import GRDB
@testable import StationStore

/// Fixture files and a fresh database with the two test districts loaded.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// An in-memory database holding the two square districts of the fixtures.
    static func database() throws -> StationDatabase {
        let db = try StationDatabase.inMemory()
        let records = try StationDatabase.districtRecords(
            geoJSON: try Data(contentsOf: url("geodata/districts.geojson")), source: "districts.geojson",
            population: try Data(contentsOf: url("geodata/district-population.csv")))
        try db.store(districts: records)
        return db
    }

    /// The import error's text for `files`, or nil when the import succeeded.
    static func importFailure(_ db: StationDatabase, _ files: [String], crs: StationCore.CoordinateSystem = .wgs84) -> String? {
        do {
            _ = try db.importLedger(files: files.map(url), crs: crs, replace: false, actor: "tester")
            return nil
        } catch {
            return String(describing: error)
        }
    }
}

import StationCore

extension StationDatabase {
    /// Every row of every table as text, to compare a database before and after.
    func dump() throws -> String {
        try writer.read { db in
            var out = ""
            for table in ["districts", "district_outlines", "stations", "station_history", "api_keys"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") {
                    out += "\(table): \(row.description)\n"
                }
            }
            return out
        }
    }
}
