import Foundation
import GRDB

/// The ledger's SQLite database: owns the GRDB writer and brings the schema up to date on open.
///
/// A file database uses a `DatabasePool` (WAL: readers never wait for the importer); the
/// in-memory one for tests uses a `DatabaseQueue`. Every write is one transaction.
public final class StationDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The file's path (`:memory:` for an in-memory database).
    public let location: String

    /// How a command opens the ledger: commands that change it migrate the schema; read-only ones
    /// (nearest, coverage, export, ...) never write, and refuse a schema older than this program's.
    public enum Access: Sendable {
        case readWrite
        case readOnly
    }

    /// Opens (creating if needed) the SQLite file at `path` and migrates it; with `.readOnly`, opens
    /// an existing file without writing to it.
    public init(path: String, access: Access = .readWrite) throws {
        location = path
        var configuration = Self.configuration()
        configuration.readonly = access == .readOnly
        writer = try DatabasePool(path: path, configuration: configuration)
        switch access {
        case .readWrite:
            try Self.refuseNewerSchema(writer, location: path)
            try Self.migrator.migrate(writer)
        case .readOnly:
            try Self.refuseNewerSchema(writer, location: path)
            guard try writer.read({ db in try Self.migrator.hasCompletedMigrations(db) }) else {
                throw StoreError.schemaBehind(location: path)
            }
        }
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        location = ":memory:"
        try Self.migrator.migrate(writer)
    }

    /// A fresh, empty database that lives only as long as the value (for tests and tools).
    public static func inMemory() throws -> StationDatabase {
        try StationDatabase(writer: DatabaseQueue(configuration: configuration()))
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another process (the server) may hold the file briefly; wait rather than fail.
        config.busyMode = .timeout(5)
        return config
    }

    /// Throws ``StoreError/schemaAhead(location:)`` when the file carries migrations this program does not know.
    static func refuseNewerSchema(_ writer: any DatabaseWriter, location: String) throws {
        if try writer.read({ db in try Self.migrator.hasBeenSuperseded(db) }) {
            throw StoreError.schemaAhead(location: location)
        }
    }
}
