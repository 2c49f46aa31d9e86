import Foundation
import PostgresNIO
import StationPostgres
import Testing
@testable import StationStore

/// The ledger engines every ``LedgerStore`` test runs against, and a fresh ledger of each.
///
/// PostgreSQL comes from `STATIONFINDER_TEST_PG_URL` (`make test` starts one with
/// `scripts/pg_test_server.sh`); each test gets a database of its own on that server. Without the
/// variable the PostgreSQL runs are skipped with a message, except under CI (`CI=true`), where they fail.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty ledger (schema only) of this engine, or nil when PostgreSQL is not configured here.
    func emptyLedger() async throws -> (any LedgerStore)? {
        switch self {
        case .sqlite:
            return try StationDatabase.inMemory()
        case .postgres:
            guard let url = try await PostgresScratch.databaseURL() else { return nil }
            return try await PostgresLedger(address: try PostgresAddress(url), access: .readWrite)
        }
    }

    /// A new ledger holding the fixtures' two districts, or nil when PostgreSQL is not configured here.
    func ledger() async throws -> (any LedgerStore)? {
        guard let store = try await emptyLedger() else { return nil }
        let records = try StationDatabase.districtRecords(
            geoJSON: try Data(contentsOf: Fixture.url("geodata/districts.geojson")), source: "districts.geojson",
            population: try Data(contentsOf: Fixture.url("geodata/district-population.csv")))
        _ = try await store.store(districts: records)
        return store
    }
}

/// Scratch databases on the test PostgreSQL server.
enum PostgresScratch {
    static let variable = "STATIONFINDER_TEST_PG_URL"

    /// The server's URL, or nil after recording why: a failure under CI, a printed skip elsewhere.
    static func serverURL() -> String? {
        if let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty { return url }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(variable) is not set (CI=true): start PostgreSQL with scripts/pg_test_server.sh start")
        } else {
            print("PostgreSQL tests skipped: set \(variable) (make test does: scripts/pg_test_server.sh start)")
        }
        return nil
    }

    /// Creates a database of its own for one test and returns its URL (nil: no server configured).
    static func databaseURL() async throws -> String? {
        guard let server = serverURL() else { return nil }
        let name = "sf_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await execute("CREATE DATABASE \(name)", on: server)
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        return try #require(components.string)
    }

    /// Runs one SQL statement on the database `url` names, outside StationFinder's code.
    static func execute(_ sql: String, on url: String) async throws {
        let address = try PostgresAddress(url)
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: .init(label: "test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: .init(label: "test"))
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }
}
