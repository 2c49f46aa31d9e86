import Foundation
import StationCore
import Testing
@testable import StationStore

@Suite struct LedgerHistoryTests {
    let header = "id,name,lon,lat,grade,opening_hours,amenities\n"

    func load(_ db: StationDatabase, _ rows: String, replace: Bool, actor: String = "alice") throws -> ImportSummary {
        try db.importLedger(data: Data((header + rows).utf8), format: .csv, sourceName: "x.csv", crs: .wgs84, replace: replace, actor: actor)
    }

    @Test func upsertKeepsOthersAndRecordsOnlyChanges() throws {
        let db = try Fixture.database()
        _ = try load(db, "A1,One,116.1,39.6,A,24/7,toilet\nA2,Two,116.2,39.6,B,24/7,\n", replace: false)
        let s = try load(db, "A1,One,116.1,39.6,A,24/7,toilet\nA2,Two renamed,116.2,39.6,B,24/7,wifi\nA3,Three,116.6,39.6,A,24/7,\n", replace: false, actor: "bob")
        #expect(s == ImportSummary(read: 3, inserted: 1, updated: 1, unchanged: 1, deleted: 0))
        #expect(try db.history(stationID: "A1").count == 1)
        let h2 = try db.history(stationID: "A2")
        #expect(h2.map(\.action) == [.insert, .update])
        #expect(h2.map(\.actor) == ["alice", "bob"])
        #expect(h2[1].changes == [
            "name": .init(old: .string("Two"), new: .string("Two renamed")),
            "amenities": .init(old: .strings([]), new: .strings(["wifi"])),
        ])
        #expect(h2[0].changes["lon"] == .init(old: .null, new: .number(116.2)))
        #expect(h2[0].changes.count == 14)  // every field but the id
        #expect(h2[0].changedAt.hasSuffix("Z") && h2[0].changedAt.count == 20)
    }

    @Test func replaceDeletesMissingStations() throws {
        let db = try Fixture.database()
        _ = try load(db, "A1,One,116.1,39.6,A,24/7,\nA2,Two,116.2,39.6,B,24/7,\n", replace: false)
        let s = try load(db, "A2,Two,116.2,39.6,B,24/7,\nA3,Three,116.6,39.6,A,24/7,\n", replace: true, actor: "carol")
        #expect(s == ImportSummary(read: 2, inserted: 1, updated: 0, unchanged: 1, deleted: 1))
        #expect(try db.allStations().map(\.id) == ["A2", "A3"])
        let h1 = try db.history(stationID: "A1")
        #expect(h1.map(\.action) == [.insert, .delete])
        #expect(h1[1].actor == "carol" && h1[1].changes["name"] == .init(old: .string("One"), new: .null))
    }

    @Test func singleUpsertAndDelete() throws {
        let db = try Fixture.database()
        let st = Station(id: "M1", name: "Manual", lon: 116.1, lat: 39.6, district: "110101", grade: .B, openingHours: "24/7")
        try db.upsert(st, actor: "dan")
        try db.upsert(st, actor: "dan")  // unchanged: no history
        try db.delete(id: "M1", actor: "erin")
        #expect(try db.history(stationID: "M1").map(\.action) == [.insert, .delete])
        #expect(throws: StoreError.unknownStation("M1")) { try db.delete(id: "M1", actor: "erin") }
    }

    @Test func schemaRefusesWhatTheImporterRefuses() throws {
        let db = try Fixture.database()
        let c = Station(id: "C1", name: "C", lon: 116.1, lat: 39.6, district: "110101", grade: .C, openingHours: "24/7")
        #expect(throws: (any Error).self) { try db.upsert(c, actor: "t") }
        let bad = Station(id: "R1", name: "R", lon: 116.1, lat: 39.6, district: "110101", grade: .A, openingHours: "24/7", rating: 9)
        #expect(throws: (any Error).self) { try db.upsert(bad, actor: "t") }
        let nowhere = Station(id: "N1", name: "N", lon: 116.1, lat: 39.6, district: "999999", grade: .A, openingHours: "24/7")
        #expect(throws: (any Error).self) { try db.upsert(nowhere, actor: "t") }
        #expect(try db.stationCount() == 0)
    }

    @Test func fileDatabaseRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sf-\(UUID().uuidString).db").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let db = try StationDatabase(path: path)
            try db.loadGeodata(directory: Fixture.directory.appendingPathComponent("geodata"))
            _ = try db.importLedger(files: [Fixture.url("good.csv")], crs: .wgs84, replace: false, actor: "t")
        }
        let again = try StationDatabase(path: path)
        #expect(try again.allStations().count == 4)
        #expect(try again.districts().map(\.population) == [708829, 1106214])
    }
}
