import Foundation
import StationCore
import Testing
@testable import StationStore

/// The same tests against every ledger engine (SQLite and PostgreSQL), through the ``LedgerStore``
/// protocol the front ends use: imports all or nothing, history, the ledger version, keys, reports.
@Suite struct LedgerStoreEngineTests {
    let header = "id,name,lon,lat,grade,opening_hours,amenities\n"

    func load(_ store: any LedgerStore, _ rows: String, replace: Bool, actor: String = "alice") async throws -> ImportSummary {
        try await store.importLedger(data: Data((header + rows).utf8), format: .csv, request: ImportRequest(
            replace: replace, crs: .wgs84, actor: actor, source: "x.csv", confirmed: true))
    }

    @Test(arguments: Engine.allCases) func importRecordsHistoryAndMovesTheVersion(engine: Engine) async throws {
        guard let store = try await engine.ledger() else { return }
        #expect(try await store.ledgerVersion() == 0)
        let first = try await load(store, "A1,One,116.1,39.6,A,24/7,toilet\nA2,Two,116.2,39.6,B,24/7,\n", replace: false)
        #expect(first == ImportSummary(read: 2, inserted: 2, updated: 0, unchanged: 0, deleted: 0))
        #expect(try await store.ledgerVersion() == 2)  // two history rows: seq 1 and 2
        let second = try await load(store, "A1,One,116.1,39.6,A,24/7,toilet\nA2,Two renamed,116.2,39.6,B,24/7,wifi\nA3,Three,116.6,39.6,A,24/7,\n",
                                    replace: false, actor: "bob")
        #expect(second == ImportSummary(read: 3, inserted: 1, updated: 1, unchanged: 1, deleted: 0))
        #expect(try await store.ledgerVersion() == 4)
        let h2 = try await store.history(stationID: "A2")
        #expect(h2.map(\.action) == [.insert, .update])
        #expect(h2.map(\.actor) == ["alice", "bob"])
        #expect(h2.map(\.seq) == [2, 3])  // A2 is the second row of both files: seq 2, then 3 (A3 is 4)
        #expect(h2[1].changes == [
            "name": .init(old: .string("Two"), new: .string("Two renamed")),
            "amenities": .init(old: .strings([]), new: .strings(["wifi"])),
        ])
        #expect(h2[1].source == "x.csv" && h2[1].crs == "wgs84")
        let (stations, version) = try await store.versionedStations()
        #expect(stations.map(\.id) == ["A1", "A2", "A3"] && version == 4)
        #expect(try await store.station(id: "A2")?.name == "Two renamed")
        #expect(try await store.stations(district: "110101").map(\.id).allSatisfy { ["A1", "A2", "A3"].contains($0) })
    }

    @Test(arguments: Engine.allCases) func replaceDeletesMissingStationsAndKeepsTheirHistory(engine: Engine) async throws {
        guard let store = try await engine.ledger() else { return }
        _ = try await load(store, "A1,One,116.1,39.6,A,24/7,\nA2,Two,116.2,39.6,B,24/7,\n", replace: false)
        let s = try await load(store, "A2,Two,116.2,39.6,B,24/7,\nA3,Three,116.6,39.6,A,24/7,\n", replace: true, actor: "carol")
        #expect(s == ImportSummary(read: 2, inserted: 1, updated: 0, unchanged: 1, deleted: 1))
        #expect(try await store.allStations().map(\.id) == ["A2", "A3"])
        let h1 = try await store.history(stationID: "A1")
        #expect(h1.map(\.action) == [.insert, .delete])
        #expect(h1[1].actor == "carol" && h1[1].changes["name"] == .init(old: .string("One"), new: .null))
    }

    @Test(arguments: Engine.allCases) func aRefusedImportWritesNothing(engine: Engine) async throws {
        guard let store = try await engine.ledger() else { return }
        _ = try await load(store, "A1,One,116.1,39.6,A,24/7,\n", replace: false)
        let before = try await store.versionedStations()
        // The second row is outside every district: the whole file is refused.
        await #expect(throws: LedgerImportError.self) {
            _ = try await load(store, "A2,Two,116.2,39.6,B,24/7,\nA3,Far,100.0,30.0,A,24/7,\n", replace: false)
        }
        let after = try await store.versionedStations()
        #expect(after.stations == before.stations && after.version == before.version)
        // A replace deleting most of the ledger needs confirming.
        await #expect(throws: ImportRefusal.self) {
            _ = try await store.importLedger(data: Data((header + "A9,Nine,116.2,39.6,B,24/7,\n").utf8), format: .csv,
                                             request: ImportRequest(replace: true, crs: .wgs84, actor: "x", source: "y.csv"))
        }
        #expect(try await store.ledgerVersion() == before.version)
    }

    @Test(arguments: Engine.allCases) func singleStationWrites(engine: Engine) async throws {
        guard let store = try await engine.ledger() else { return }
        let st = Station(id: "M1", name: "Manual", lon: 116.1, lat: 39.6, district: "110101", grade: .B, openingHours: "24/7")
        try await store.upsert(st, actor: "dan")
        try await store.upsert(st, actor: "dan")  // unchanged: no history, no new version
        #expect(try await store.ledgerVersion() == 1)
        try await store.delete(id: "M1", actor: "erin")
        #expect(try await store.history(stationID: "M1").map(\.action) == [.insert, .delete])
        #expect(try await store.ledgerVersion() == 2)
        await #expect(throws: StoreError.unknownStation("M1")) { try await store.delete(id: "M1", actor: "erin") }
        var elsewhere = st
        elsewhere.district = "999999"
        await #expect(throws: StoreError.unknownDistrict("999999")) { try await store.upsert(elsewhere, actor: "dan") }
    }

    @Test(arguments: Engine.allCases) func keysAreStoredHashedAndVerified(engine: Engine) async throws {
        guard let store = try await engine.ledger() else { return }
        let (id, secret) = try await store.createKey(role: .member, organization: "  Sanitation Co  ")
        #expect(secret.hasPrefix("sf_"))
        let key = try await store.verifyKey(secret)
        #expect(key?.id == id && key?.role == .member && key?.organization == "Sanitation Co")
        #expect(try await store.verifyKey(secret + "x") == nil)
        if let transfer = store as? any LedgerTransfer {
            let stored = try await transfer.contents().keys
            #expect(stored.map(\.secretSHA256) == [StationDatabase.sha256Hex(secret)])
        }
        try await store.revokeKey(id: id)
        #expect(try await store.verifyKey(secret) == nil)
        #expect(try await store.listKeys().first?.isRevoked == true)
        await #expect(throws: StoreError.unknownKey("key_nope")) { try await store.revokeKey(id: "key_nope") }
    }

    @Test(arguments: Engine.allCases) func fieldReports(engine: Engine) async throws {
        guard let store = try await engine.ledger() else { return }
        _ = try await load(store, "A1,One,116.1,39.6,A,24/7,toilet\n", replace: false)
        let now: Int64 = 1_800_000_000
        let filed = try await store.addReport(NewReport(stationID: "A1", kind: .closed, observedAtEpochSeconds: now - 60, reporter: .anonymous),
                                              receivedAtEpochSeconds: now)
        #expect(filed.district == "110101" && filed.status == .open)
        _ = try await store.addReport(NewReport(stationID: "A1", kind: .amenity_missing, amenity: .toilet, note: " gone ",
                                                observedAtEpochSeconds: now - 30, reporter: .member), receivedAtEpochSeconds: now)
        await #expect(throws: ReportError.unknownStation("ZZ")) {
            _ = try await store.addReport(NewReport(stationID: "ZZ", kind: .open, observedAtEpochSeconds: now, reporter: .editor),
                                          receivedAtEpochSeconds: now)
        }
        let all = try await store.reports(sinceEpochSeconds: nil, district: nil, kind: nil, status: nil)
        #expect(all.map(\.kind) == [.amenity_missing, .closed])  // newest first
        #expect(all.first?.note == "gone")
        #expect(try await store.reports(sinceEpochSeconds: nil, district: "110101", kind: .closed, status: .open).count == 1)
        #expect(try await store.reportSummary(stationID: "A1", nowEpochSeconds: now)
            == ReportSummary(closedLast7Days: 1, lastClosedAtEpochSeconds: now - 60, unresolved: 2))
        #expect(try await store.closedReportTally(nowEpochSeconds: now).count(stationID: "A1", nowEpochSeconds: now) == 1)
        let resolved = try await store.resolveReport(id: filed.id, actor: "inspector", atEpochSeconds: now + 10)
        #expect(resolved.status == .resolved && resolved.resolvedBy == "inspector")
        #expect(try await store.report(id: filed.id)?.resolvedAtEpochSeconds == now + 10)
        await #expect(throws: ReportError.unknownReport(9_999)) {
            _ = try await store.resolveReport(id: 9_999, actor: "x", atEpochSeconds: now)
        }
    }

    @Test(arguments: Engine.allCases) func districtsRoundTrip(engine: Engine) async throws {
        guard let store = try await engine.ledger() else { return }
        let districts = try await store.districts()
        #expect(districts.map(\.adcode) == ["110101", "110102"])
        #expect(try await store.districtMap().districts.count == 2)
        #expect(try await store.population().count == districts.compactMap(\.population).count)
    }
}
