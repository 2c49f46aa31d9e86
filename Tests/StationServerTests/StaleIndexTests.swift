import Foundation
import Hummingbird
import HummingbirdTesting
import StationApp
import StationServer
import StationStore
import Testing

/// A running server notices ledger changes made by another process and swaps in a fresh index.
struct StaleIndexTests {
    /// A ledger file in a fresh temporary directory, with the districts and the five test stations.
    static func ledgerFile() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sf-stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("ledger.db").path
        let db = try StationDatabase(path: path)
        _ = try db.store(districts: try TestLedger.districts.get())
        _ = try db.importLedger(data: Data(TestLedger.csv.utf8), format: .csv, sourceName: "test.csv", crs: .wgs84,
                                replace: false, actor: "test")
        return path
    }

    static let newStation = """
        id,name,lon,lat,grade,host_type,opening_hours,amenities
        N-1,Imported elsewhere,116.4002,39.90,A,bank,24/7,drinking_water

        """

    @Test func anotherConnectionsImportIsPickedUpByTheNextCheck() async throws {
        let path = try Self.ledgerFile()
        let ledger = try await LedgerService(store: try StationDatabase(path: path))
        #expect(try await ledger.refreshIfStale() == false)
        let before = ledger.snapshot.ledgerVersion

        // A second handle on the file stands for the CLI in another process.
        let other = try StationDatabase(path: path)
        _ = try other.importLedger(data: Data(Self.newStation.utf8), format: .csv, sourceName: "elsewhere.csv",
                                   crs: .wgs84, replace: false, actor: "clerk")
        #expect(ledger.snapshot.catalog.stations.count == 5)
        #expect(try await ledger.refreshIfStale() == true)
        #expect(ledger.snapshot.catalog.stations.map(\.id).contains("N-1"))
        #expect(ledger.snapshot.ledgerVersion == before + 1)
        #expect(try await ledger.refreshIfStale() == false)
    }

    /// The reproducer: after a CLI import, nearest and `/healthz` kept the old index until the next HTTP write.
    /// The server checks every 100 ms here. How soon it follows is a speed claim, measured on a release
    /// build (Benchmarks/README.md); this test, a debug build sharing two cores with the whole suite, only
    /// requires that it follows without any write through the server (runs under load took 1.0 to 3.0 s).
    @Test func theServerAnswersFromTheNewLedgerWithinASecond() async throws {
        let path = try Self.ledgerFile()
        let app = try await buildApplication(ServerArguments(
            hostname: "127.0.0.1", port: 0, databasePath: path, logLevel: .error, accessLog: false,
            ledgerCheckInterval: .milliseconds(100)))
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                let value = try json(response)
                #expect(value["stations_indexed"] as? Int == 4, "T-5 is suspended")
            }
            let other = try StationDatabase(path: path)
            _ = try other.importLedger(data: Data(Self.newStation.utf8), format: .csv, sourceName: "elsewhere.csv",
                                       crs: .wgs84, replace: false, actor: "clerk")
            let start = ContinuousClock.now
            var indexed = 4
            while indexed == 4, ContinuousClock.now - start < .seconds(15) {
                try await Task.sleep(for: .milliseconds(50))
                try await client.execute(uri: "/healthz", method: .get) { response in
                    indexed = try json(response)["stations_indexed"] as? Int ?? 0
                }
            }
            #expect(indexed == 5)
            try await client.execute(uri: "/v1/stations/nearest?lon=116.40&lat=39.90&open=now&limit=1", method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.first?["id"] as? String == "N-1")
            }
        }
    }
}
