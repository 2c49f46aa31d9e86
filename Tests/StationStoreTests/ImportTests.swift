import Foundation
import StationCore
import Testing
@testable import StationStore

@Suite struct ImportTests {
    @Test func goodCSV() throws {
        let db = try Fixture.database()
        let summary = try db.importLedger(files: [Fixture.url("good.csv")], crs: .wgs84, replace: false, actor: "tester")
        #expect(summary == ImportSummary(read: 4, inserted: 4, updated: 0, unchanged: 0, deleted: 0))
        let s1 = try #require(try db.station(id: "S001"))
        #expect(s1 == Station(
            id: "S001", name: "ICBC Dongdan rest station", lon: 116.2, lat: 39.7, address: "1 Dongdan St, Dongcheng",
            district: "110101", grade: .A, organization: "ICBC", hostType: .bank, openingHours: "Mo-Fr 09:00-17:00",
            amenities: AmenitySet([.drinking_water, .hot_water, .toilet]), phone: "010-12345678", status: .active,
            rating: 5, lastInspected: "2025-03-14"))
        let s2 = try #require(try db.station(id: "S002"))
        #expect(s2.address == "Multi-line\naddress, unit 2")
        #expect(s2.organization == nil && s2.phone == nil && s2.district == "110102")
        let s3 = try #require(try db.station(id: "S003"))
        #expect(s3.grade == .C && s3.organization == "Beijing Bus Co" && s3.status == .suspended && s3.rating == nil)
        let s4 = try #require(try db.station(id: "S004"))
        #expect(s4.name == "Union office \"Warm Home\"" && s4.district == "110102" && s4.lastInspected == "2024-11-05")
        #expect(try db.stations(district: "东城区").map(\.id) == ["S001", "S003"])
        #expect(try db.stations(district: "xicheng").map(\.id) == ["S002", "S004"])
    }

    @Test func chineseHeaderMatchesEnglish() throws {
        let db = try Fixture.database()
        _ = try db.importLedger(files: [Fixture.url("chinese-header.csv")], crs: .wgs84, replace: false, actor: "tester")
        let z1 = try #require(try db.station(id: "Z001"))
        #expect(z1.lon == 116.2 && z1.lat == 39.7 && z1.district == "110101" && z1.grade == .A)
        #expect(z1.organization == "工商银行" && z1.hostType == .bank && z1.rating == 5)
        #expect(z1.amenities == AmenitySet([.drinking_water, .hot_water, .toilet]))
        #expect(z1.address == "东单北大街1号")
        let z2 = try #require(try db.station(id: "Z002"))
        #expect(z2.hostType == .convenience_store && z2.amenities == AmenitySet([.seating, .phone_charging, .wifi]))
        let z3 = try #require(try db.station(id: "Z003"))
        #expect(z3.hostType == .employer && z3.status == .suspended && z3.grade == .C)
    }

    @Test func bomAndCRLFAccepted() throws {
        let db = try Fixture.database()
        let summary = try db.importLedger(files: [Fixture.url("bom-crlf.csv")], crs: .wgs84, replace: false, actor: "tester")
        #expect(summary.inserted == 2)
        #expect(try db.station(id: "B001")?.amenities == AmenitySet([.toilet]))
        #expect(try db.station(id: "B002")?.name == "CRLF\r\nquoted")
    }

    @Test func geoJSON() throws {
        let db = try Fixture.database()
        _ = try db.importLedger(files: [Fixture.url("good.geojson")], crs: .wgs84, replace: false, actor: "tester")
        let j1 = try #require(try db.station(id: "J001"))
        #expect(j1.amenities == AmenitySet([.toilet, .wifi]) && j1.rating == 4 && j1.district == "110101")
        let j2 = try #require(try db.station(id: "J002"))
        #expect(j2.grade == .C && j2.organization == "Sinopec" && j2.hostType == .gas_station && j2.district == "110102")
    }

    @Test func gcj02IsConvertedToWGS84() throws {
        let db = try Fixture.database()
        let csv = "id,name,lon,lat,grade,opening_hours\nG1,Amap point,116.38404722455657,39.91334545536069,A,24/7\n"
        _ = try db.importLedger(data: Data(csv.utf8), format: .csv, sourceName: "amap.csv", crs: .gcj02, replace: false, actor: "t")
        let g = try #require(try db.station(id: "G1"))
        // Published pair (issue 2): WGS-84 39.911954 N, 116.377817 E <-> this GCJ-02 point.
        #expect(abs(g.lon - 116.377817) < 1e-5 && abs(g.lat - 39.911954) < 1e-5)
    }

    @Test func validateWritesNothing() throws {
        let db = try Fixture.database()
        let before = try db.dump()
        let stations = try db.checkLedger(files: [Fixture.url("good.csv"), Fixture.url("good.geojson")], crs: .wgs84)
        #expect(stations.map(\.id) == ["S001", "S002", "S003", "S004", "J001", "J002"])
        #expect(try db.dump() == before)
        #expect(throws: StoreError.unknownDistrict("Atlantis")) { try db.stations(district: "Atlantis") }
    }

    @Test func noDistrictsLoaded() throws {
        let db = try StationDatabase.inMemory()
        #expect(Fixture.importFailure(db, ["good.csv"]) == "no districts loaded: run `stationfinder setup`")
    }
}
