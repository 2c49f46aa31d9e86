import Foundation
import StationCore
import Testing
@testable import StationStore

/// Each bad ledger: the report names file, line, column and reason, and the database is unchanged.
@Suite struct ImportErrorTests {
    /// Imports `file` into a database that already holds good.csv; returns the report.
    func failure(_ file: String, crs: StationCore.CoordinateSystem = .wgs84) throws -> String {
        let db = try Fixture.database()
        _ = try db.importLedger(files: [Fixture.url("good.csv")], crs: .wgs84, replace: false, actor: "tester")
        let before = try db.dump()
        let report = try #require(Fixture.importFailure(db, [file], crs: crs))
        #expect(try db.dump() == before, "database changed by failed import of \(file)")
        return report
    }

    @Test func gbk() throws {
        let report = try failure("gbk.csv")
        #expect(report.contains("gbk.csv: file gbk.csv is not UTF-8 (looks like GBK/GB18030; first invalid byte 0xB1 on line 1); re-save as UTF-8"))
    }

    @Test func unterminatedQuote() throws {
        let report = try failure("unterminated-quote.csv")
        #expect(report.contains("unterminated-quote.csv, line 3, column 2 (name): unterminated quote"))
    }

    @Test func wrongColumnCount() throws {
        let report = try failure("wrong-column-count.csv")
        #expect(report.contains("wrong-column-count.csv, line 3: expected 15 fields as in the header, found 14"))
        #expect(report.hasSuffix("1 problem found; nothing was imported"))
    }

    @Test func swapped() throws {
        let report = try failure("swapped.csv")
        #expect(report.contains("swapped.csv, line 2, column 4 (lat): lat 116.2 is outside -90..90; lon and lat look swapped"))
    }

    @Test func duplicateIDs() throws {
        let report = try failure("duplicate-ids.csv")
        #expect(report.contains("duplicate-ids.csv, line 4, column 1 (id): duplicate id 'D001' (first at duplicate-ids.csv, line 2)"))
    }

    @Test func duplicateAcrossFiles() throws {
        let db = try Fixture.database()
        let report = try #require(Fixture.importFailure(db, ["good.csv", "bom-crlf.csv", "good.csv"]))
        #expect(report.contains("good.csv, line 2, column 1 (id): duplicate id 'S001' (first at good.csv, line 2)"))
        #expect(try db.stationCount() == 0)
    }

    @Test func cWithoutOrganization() throws {
        let report = try failure("c-without-org.csv")
        #expect(report.contains("c-without-org.csv, line 2, column 8 (organization): a grade C station admits one organization's members only, so organization is required"))
    }

    @Test func outsideDistricts() throws {
        let report = try failure("outside-districts.csv")
        #expect(report.contains("outside-districts.csv, line 2, column 3 (lon): point (lon 117.2, lat 39.1) lies outside every district"))
    }

    @Test func gcj02OutsideChina() throws {
        let report = try failure("gcj02-outside-china.csv", crs: .gcj02)
        #expect(report.contains("gcj02-outside-china.csv, line 2, column 3 (lon): point (lon 2.35, lat 48.85) lies outside China, where gcj02 is not defined"))
    }

    @Test func badValuesAreAllReported() throws {
        let report = try failure("bad-values.csv")
        let expected = [
            "bad-values.csv, line 2, column 6 (district): unknown district '999999'",
            "bad-values.csv, line 2, column 7 (grade): unknown grade 'D'; expected A, B or C",
            "bad-values.csv, line 2, column 9 (host_type): unknown host_type 'spaceship'",
            "bad-values.csv, line 2, column 11 (amenities): unknown amenity 'jacuzzi'",
            "bad-values.csv, line 2, column 13 (status): unknown status 'open'",
            "bad-values.csv, line 2, column 14 (rating): rating '7' is not a whole number of stars from 0 to 5",
            "bad-values.csv, line 2, column 15 (last_inspected): '2025-02-30' is not a valid date",
            "bad-values.csv, line 3, column 3 (lon): coordinate is NaN",
            "bad-values.csv, line 4, column 6 (district): district 110102 西城区 was given but the point lies in 110101 东城区",
        ]
        for e in expected { #expect(report.contains(e), "missing: \(e)\nin:\n\(report)") }
        #expect(report.hasSuffix("9 problems found; nothing was imported"))
    }

    @Test func badGeoJSON() throws {
        let report = try failure("bad.geojson")
        #expect(report.contains("bad.geojson, features[1], property geometry: geometry type LineString is not Point"))
        #expect(report.contains("bad.geojson, features[2], property grade: unknown grade 'Z'"))
    }

    @Test func badHours() throws {
        let report = try failure("bad-hours.csv")
        #expect(report.contains("bad-hours.csv, line 2, column 10 (opening_hours): invalid opening hours 'Mo-Fr 25:00-26:00': at character 7: "))
    }

    @Test func reportIsCapped() throws {
        let db = try Fixture.database()
        var csv = "id,name,lon,lat,grade,opening_hours\n"
        // 5,000 rows: validated in parallel chunks; the report still lists lines in file order.
        for i in 0..<5_000 { csv += i % 2 == 0 ? "R\(i),Bad,116.2,39.7,Q,24/7\n" : "R\(i),Good,116.2,39.7,A,24/7\n" }
        do {
            _ = try db.importLedger(data: Data(csv.utf8), format: .csv, sourceName: "many.csv", crs: .wgs84, replace: false, actor: "t")
            Issue.record("import should fail")
        } catch let error as LedgerImportError {
            #expect(error.issues.count == LedgerImportError.limit && error.totalCount == 2_500)
            #expect(error.issues.map(\.location) == (0..<50).map { .line(2 + 2 * $0) })
            #expect(error.description.hasSuffix("... and 2450 more problems (first 50 shown)\n2500 problems found; nothing was imported"))
        }
        #expect(try db.stationCount() == 0)
    }
}
