import Foundation
import GRDB

/// The ledger's one database: owns the GRDB writer and brings the schema up to date on open.
///
/// A file database uses a `DatabasePool` (WAL: readers never wait for the importer); the
/// in-memory one for tests uses a `DatabaseQueue`. Every write is one transaction.
public final class StationDatabase: Sendable {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the SQLite file at `path` and migrates it.
    public init(path: String) throws {
        writer = try DatabasePool(path: path, configuration: Self.configuration())
        try Self.migrator.migrate(writer)
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
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
}
