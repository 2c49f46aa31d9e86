import Foundation
import StationApp
import StationCore
import StationPostgres
import Testing
@testable import StationStore

/// What only the PostgreSQL ledger has: its URL, its failures in words, its schema version, and
/// whole-ledger copies to and from SQLite.
@Suite struct PostgresLedgerTests {
    @Test func addressesAreParsedAndBadOnesExplained() throws {
        let a = try PostgresAddress("postgres://sf:p%40ss@db.example:6432/ledger?sslmode=require")
        #expect(a.host == "db.example" && a.port == 6432 && a.user == "sf" && a.password == "p@ss" && a.database == "ledger")
        #expect(a.tls == .require && a.description == "postgres://sf@db.example:6432/ledger")
        #expect(try PostgresAddress("postgresql://sf@localhost/ledger").port == 5432)
        let cases: [(String, String)] = [
            ("postgres://localhost/ledger", "names no user"),
            ("postgres://sf:pw@localhost", "names no database"),
            ("postgres://sf:pw@localhost:99999/x", "port 99999 is outside 1...65535"),
            ("postgres://sf:pw@localhost/x?ssl=1", "unknown parameter 'ssl=1'"),
        ]
        for (text, reason) in cases {
            #expect(throws: PostgresAddressError.self) { try PostgresAddress(text) }
            do { _ = try PostgresAddress(text) } catch {
                #expect(error.description.contains(reason), "\(text): \(error)")
                #expect(!error.description.contains(":pw@"), "the password must not be shown")
            }
        }
    }

    @Test func anUnreachableServerIsOneSentenceNamingTheHost() async throws {
        // Port 1 on loopback: nothing listens there.
        do {
            _ = try await LedgerAddress("postgres://sf:secret@127.0.0.1:1/ledger").open(.readOnly)
            Issue.record("opened a ledger on a closed port")
        } catch let error as LedgerOpenError {
            #expect(error.description.contains("127.0.0.1:1") && error.description.contains("connection refused"))
            #expect(!error.description.contains("secret") && !error.isUsageMistake)
        }
    }

    @Test func aWrongPasswordAndAMissingDatabaseAreNamed() async throws {
        guard let server = PostgresScratch.serverURL() else { return }
        var wrong = try #require(URLComponents(string: server))
        wrong.password = "not-the-password"
        do {
            _ = try await LedgerAddress(try #require(wrong.string)).open(.readOnly)
            Issue.record("a wrong password was accepted")
        } catch let error as LedgerOpenError {
            #expect(error.description.contains("password authentication failed"), "\(error)")
            #expect(!error.description.contains("not-the-password"))
        }
        var missing = try #require(URLComponents(string: server))
        missing.path = "/no_such_database_here"
        do {
            _ = try await LedgerAddress(try #require(missing.string)).open(.readOnly)
            Issue.record("a missing database was opened")
        } catch let error as LedgerOpenError {
            #expect(error.description.contains("does not exist"), "\(error)")
        }
    }

    @Test func aNewerSchemaIsRefusedAndAMissingOneNamesSetup() async throws {
        guard let url = try await PostgresScratch.databaseURL() else { return }
        do {
            _ = try await LedgerAddress(url).open(.readOnly)
            Issue.record("an empty database opened read-only")
        } catch let error as LedgerOpenError {
            #expect(error.description.contains("stationfinder setup"))
        }
        _ = try await LedgerAddress(url).open(.readWrite)  // creates the schema
        try await PostgresScratch.execute("UPDATE schema_version SET version = 99", on: url)
        for access in [StationDatabase.Access.readOnly, .readWrite] {
            do {
                _ = try await LedgerAddress(url).open(access)
                Issue.record("a schema from a newer StationFinder was opened")
            } catch let error as LedgerOpenError {
                #expect(error.description.contains("written by a newer StationFinder"), "\(error)")
            }
        }
    }

    @Test func theSchemaRefusesWhatTheImporterWould() async throws {
        guard let url = try await PostgresScratch.databaseURL() else { return }
        _ = try await LedgerAddress(url).open(.readWrite)
        let columns = "id, name, lon, lat, district, grade, host_type, opening_hours, amenities, status"
        let bad = [
            "('X1', 'n', 200, 39.9, '110101', 'A', 'shop', '24/7', 0, 'active')",  // longitude out of range
            "('X2', 'n', 116.4, 39.9, '110101', 'C', 'shop', '24/7', 0, 'active')",  // grade C without organization
            "('X3', 'n', 116.4, 39.9, '110101', 'Z', 'shop', '24/7', 0, 'active')",  // unknown grade
            "('X4', '', 116.4, 39.9, '110101', 'A', 'shop', '24/7', 0, 'active')",  // empty name
        ]
        for values in bad {
            await #expect(throws: (any Error).self, "\(values)") {
                try await PostgresScratch.execute("INSERT INTO stations (\(columns)) VALUES \(values)", on: url)
            }
        }
    }

    @Test func migrateCopiesAWholeLedgerBothWays() async throws {
        guard let url = try await PostgresScratch.databaseURL() else { return }
        let sqlite = try Fixture.database()
        _ = try await sqlite.importLedger(files: [Fixture.url("good.csv")], crs: .wgs84, replace: false, actor: "clerk")
        let someone = try #require(try await sqlite.allStations().first)
        try await sqlite.delete(id: someone.id, actor: "editor")
        let key = try await sqlite.createKey(role: .member, organization: "Acme")
        let station = try #require(try await sqlite.allStations().first)
        _ = try await sqlite.addReport(NewReport(stationID: station.id, kind: .closed, observedAtEpochSeconds: 1_800_000_000, reporter: .member),
                                 receivedAtEpochSeconds: 1_800_000_010)
        let original = try await sqlite.contents()

        let postgres = try #require(try await LedgerAddress(url).open(.readWrite) as? any LedgerTransfer)
        #expect(try await postgres.isEmpty())
        try await postgres.replaceContents(with: original)
        #expect(try await !postgres.isEmpty())
        let copied = try await postgres.contents()
        #expect(copied.stations == original.stations && copied.history == original.history)
        #expect(copied.districts == original.districts && copied.keys == original.keys && copied.reports == original.reports)
        #expect(try await postgres.verifyKey(key.secret)?.id == key.id, "a key keeps working after the move")
        #expect(try await postgres.ledgerVersion() > original.version, "the version moves past the copied history")

        let back = try StationDatabase.inMemory()
        try await back.replaceContents(with: copied)
        let again = try await back.contents()
        #expect(again.stations == original.stations && again.history == original.history && again.keys == original.keys)
        #expect(try await back.ledgerVersion() == original.version)
    }
}
