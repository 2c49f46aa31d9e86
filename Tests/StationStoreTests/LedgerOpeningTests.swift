import Foundation
import GRDB
import StationApp
@testable import StationStore
import Testing

/// Opening a ledger: read-only commands never write to it, and a schema from another version is
/// refused with a sentence saying what to do.
struct LedgerOpeningTests {
    static func scratchPath() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sf-open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("ledger.db").path
    }

    @Test func aReadOnlyOpenOfAMissingLedgerIsRefusedAndCreatesNothing() async throws {
        let path = try Self.scratchPath()
        await #expect(throws: LedgerOpenError.self) { try await LedgerAddress(path).open(.readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
        do {
            _ = try await LedgerAddress(path).open(.readOnly)
        } catch let error as LedgerOpenError {
            #expect(error.description == "no database at \(path); run `stationfinder setup` first (or pass --db)")
        }
    }

    @Test func aLedgerOneMigrationBehindIsRefusedReadOnlyAndMigratedReadWrite() async throws {
        let path = try Self.scratchPath()
        // The file as the previous StationFinder left it: every migration but the newest applied.
        let migrations = StationDatabase.migrator.migrations
        try #require(migrations.count >= 2)
        try StationDatabase.migrator.migrate(try DatabasePool(path: path), upTo: migrations[migrations.count - 2])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.schemaBehind(location: path)) { try StationDatabase(path: path, access: .readOnly) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "a read-only open wrote to the file")
        // A command that writes brings the schema up to date; then read-only opens succeed.
        let migrated = try StationDatabase(path: path)
        #expect(try await migrated.writer.read { db in try StationDatabase.migrator.hasCompletedMigrations(db) })
        _ = try StationDatabase(path: path, access: .readOnly)
    }

    @Test func aLedgerFromANewerStationFinderIsRefused() throws {
        let path = try Self.scratchPath()
        let db = try StationDatabase(path: path)
        try db.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        for access in [StationDatabase.Access.readWrite, .readOnly] {
            #expect(throws: StoreError.schemaAhead(location: path)) { try StationDatabase(path: path, access: access) }
        }
        #expect(StoreError.schemaAhead(location: path).description.contains("newer StationFinder"))
    }

    @Test func aReadOnlyStoreRefusesWrites() async throws {
        let path = try Self.scratchPath()
        _ = try StationDatabase(path: path)
        let store = try await LedgerAddress(path).open(.readOnly)
        await #expect(throws: (any Error).self) { try await store.revokeKey(id: "nobody") }
        #expect(try await store.ledgerVersion() == 0)
    }
}
