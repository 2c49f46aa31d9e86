import Foundation
import Testing

/// The CLI on a PostgreSQL ledger: `migrate` there and back, commands reading it with `--db URL`,
/// and a refused login as one line. Uses the database `STATIONFINDER_TEST_PG_URL` names (skipped
/// without it, failed without it under `CI=true`).
@Suite struct CLIPostgresTests {
    static func serverURL() -> String? {
        if let url = ProcessInfo.processInfo.environment["STATIONFINDER_TEST_PG_URL"], !url.isEmpty { return url }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("STATIONFINDER_TEST_PG_URL is not set (CI=true): start PostgreSQL with scripts/pg_test_server.sh start")
        } else {
            print("PostgreSQL CLI tests skipped: set STATIONFINDER_TEST_PG_URL")
        }
        return nil
    }

    @Test func migrateToPostgresQueryItThereAndMigrateBack() throws {
        guard let url = Self.serverURL() else { return }
        let cli = try CLIRunner.withLedger()
        let there = try cli.run("migrate", "--from", cli.databasePath, "--to", url, "--replace")
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("16 districts, 5 stations, 5 history entries"), "\(there.stdout)")
        #expect(!there.stdout.contains("stationfinder-test"), "the password must not be printed")

        let refused = try cli.run("migrate", "--from", cli.databasePath, "--to", url)
        #expect(refused.status == 1 && refused.stderr.contains("pass --replace"), "\(refused.stderr)")

        let listed = try cli.run("stations", "list", "--db", url)
        #expect(listed.status == 0 && listed.stdout.contains("T-1") && listed.stdout.contains("T-4"), "\(listed.stderr)")
        let nearest = try cli.run("nearest", "--lon", "116.40", "--lat", "39.90", "--at", "2026-11-23T10:00", "--limit", "1", "--db", url)
        #expect(nearest.status == 0 && nearest.stdout.contains("T-1"), "\(nearest.stderr)")

        let back = cli.directory.appendingPathComponent("back.db").path
        let returned = try cli.run("migrate", "--from", url, "--to", back)
        #expect(returned.status == 0, "\(returned.stderr)")
        let history = try cli.run("stations", "history", "T-1", "--db", back)
        #expect(history.status == 0 && history.stdout.contains("insert"), "\(history.stderr)")
    }

    @Test func aRefusedLoginIsOneLineAndExitStatusOne() throws {
        guard let url = Self.serverURL() else { return }
        var components = try #require(URLComponents(string: url))
        components.password = "wrong"
        let cli = try CLIRunner()
        let outcome = try cli.run("coverage", "--db", try #require(components.string))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("password authentication failed") && outcome.stderr.contains("127.0.0.1"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Usage") && outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        let unreachable = try cli.run("stations", "list", "--db", "postgres://sf:pw@127.0.0.1:1/ledger")
        #expect(unreachable.status == 1 && unreachable.stderr.contains("127.0.0.1:1") && unreachable.stderr.contains("connection refused"))
    }
}
