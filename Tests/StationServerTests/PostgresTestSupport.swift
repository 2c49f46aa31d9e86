import Foundation
import PostgresNIO
import StationApp
import StationCore
import StationPostgres
import StationStore
import Testing

/// PostgreSQL for the server tests: a database of its own per test on the server named by
/// `STATIONFINDER_TEST_PG_URL` (skipped with a message when unset, failed when unset under `CI=true`),
/// or a whole server of its own from `scripts/pg_test_server.sh` for a test that stops it.
enum PostgresTestSupport {
    static let variable = "STATIONFINDER_TEST_PG_URL"
    static let script = TestLedger.repoRoot.appendingPathComponent("scripts/pg_test_server.sh").path

    static func serverURL() -> String? {
        if let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty { return url }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(variable) is not set (CI=true): start PostgreSQL with scripts/pg_test_server.sh start")
        } else {
            print("PostgreSQL tests skipped: set \(variable) (make test does: scripts/pg_test_server.sh start)")
        }
        return nil
    }

    /// A new database on `server` holding the 16 districts and the five test stations; its URL.
    static func ledgerURL(on server: String) async throws -> String {
        let address = try PostgresAddress(server)
        let name = "sf_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: .init(label: "test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: .init(label: "test"))
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        let url = try #require(components.string)
        let store = try await LedgerAddress(url).open(.readWrite)
        _ = try await store.store(districts: try TestLedger.districts.get())
        _ = try await store.importLedger(data: Data(TestLedger.csv.utf8), format: .csv, crs: .wgs84, replace: false, actor: "test")
        return url
    }

    /// Runs `scripts/pg_test_server.sh COMMAND` with the given settings; its standard output.
    ///
    /// Through `system(3)`, which waits for the script itself: the server it starts inherits the
    /// test process's descriptors, and Foundation's `Process` did not see the script end here.
    @discardableResult
    static func serverScript(_ command: String, directory: String, port: Int) throws -> String {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("pg-script-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let line = "PG_TEST_DIR='\(directory)' PG_TEST_PORT=\(port) /bin/bash '\(script)' \(command) > '\(outputFile.path)' 2>&1 < /dev/null"
        let status = system(line)
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw LedgerOpenError(address: LedgerAddress(directory), reason: "pg_test_server.sh \(command) failed: \(output)")
        }
        return output.split(separator: "\n").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
    }
}

extension LedgerStore {
    /// Imports CSV text held in memory, confirmed (test fixtures).
    func importLedger(data: Data, format: LedgerFormat, crs: StationCore.CoordinateSystem, replace: Bool, actor: String) async throws -> ImportSummary {
        try await importLedger(data: data, format: format, request: ImportRequest(
            replace: replace, crs: crs, actor: actor, source: "test.csv", confirmed: true))
    }
}
