import Foundation
import Logging
import PostgresNIO
import StationCore
import StationStore

/// The ledger in PostgreSQL: what several `serve` replicas share. Same rules as the SQLite ledger
/// (``StationDatabase``): every write is one transaction, every station change appends history, API
/// keys are stored as SHA-256 hashes, and the ledger version grows with each committed change.
///
/// Station writes take the one `ledger_state` row lock first, so writers from any process take turns;
/// each assigns its history rows the next sequence numbers, sets the version to the last one and, in
/// the same transaction, `NOTIFY`s ``PostgresSchema/channel`` with it, which PostgreSQL delivers to
/// every listener on commit (see ``followChanges(_:)``).
public final class PostgresLedger: Sendable {
    public let address: PostgresAddress
    let connections: PostgresConnections
    let logger: Logger

    public var location: String { address.description }

    /// Connects to `address` and checks the schema: `.readWrite` brings it up to date (creating it in an
    /// empty database), `.readOnly` refuses one that is missing, older or newer. Errors name the host and
    /// the reason (``LedgerUnavailableError``, ``PostgresServerError``, ``StoreError``).
    public init(address: PostgresAddress, access: StationDatabase.Access) async throws {
        self.address = address
        var quiet = Logger(label: "stationfinder.postgres")
        quiet.logLevel = .critical
        let logger = quiet
        self.logger = logger
        connections = PostgresConnections(address: address, logger: logger)
        let location = address.description
        try await connections.withConnection { connection in
            switch access {
            case .readWrite: try await PostgresSchema.migrate(connection, location: location, logger: logger)
            case .readOnly: try await PostgresSchema.check(connection, location: location, logger: logger)
            }
        }
    }

    /// Closes the pooled connections (a process that ends need not call it).
    public func close() async {
        await connections.close()
    }

    // MARK: Running statements

    /// Runs `body` in one transaction (`REPEATABLE READ READ ONLY` for reads that need one consistent view).
    func transaction<T: Sendable>(readOnly: Bool = false, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        let logger = logger
        return try await connections.withConnection { connection in
            try await connection.query(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", logger: logger)
            do {
                let result = try await body(connection, logger)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                if !connection.isClosed { try? await connection.query("ROLLBACK", logger: logger) }
                throw error
            }
        }
    }

    /// Runs one statement outside any explicit transaction and returns its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        let logger = logger
        return try await connections.withConnection { connection in
            try await connection.query(query, logger: logger).collect()
        }
    }
}

extension PostgresConnection {
    /// Runs `query` and collects its rows.
    func all(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }
}
