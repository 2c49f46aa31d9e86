import Logging
import NIOCore
import PostgresNIO
import StationStore

/// A small pool of connections to one PostgreSQL database, owned by a ``PostgresLedger``.
///
/// Written for the ledger's outage rules rather than throughput: a request never waits for a server
/// that is down (connecting fails within ``connectTimeout`` and the caller gets
/// ``LedgerUnavailableError``), a connection that failed is dropped, and at most ``limit``
/// connections are open at once (callers beyond that wait for one to come back).
actor PostgresConnections {
    let address: PostgresAddress
    let logger: Logger
    let limit: Int
    static let connectTimeout = TimeAmount.seconds(3)

    private var idle: [PostgresConnection] = []
    private var leased = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var nextID = 1
    private var closed = false

    init(address: PostgresAddress, limit: Int = 8, logger: Logger) {
        self.address = address
        self.limit = limit
        self.logger = logger
    }

    /// The connection settings for `address`.
    static func configuration(_ address: PostgresAddress) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch address.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try .init(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try .init(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: tls)
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }

    /// Opens one connection outside the pool (the change feed's LISTEN connection uses it too).
    static func connect(_ address: PostgresAddress, id: Int, logger: Logger) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: try configuration(address), id: id, logger: logger)
        } catch {
            throw PostgresFailure.classify(error, address: address)
        }
    }

    /// Runs `body` on a pooled connection. Errors come back classified (see ``PostgresFailure``);
    /// a connection that broke is closed rather than returned to the pool.
    func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await lease()
        do {
            let result = try await body(connection)
            giveBack(connection, healthy: true)
            return result
        } catch {
            let failure = PostgresFailure.classify(error, address: address)
            giveBack(connection, healthy: !PostgresFailure.breaksConnection(failure) && !connection.isClosed)
            throw failure
        }
    }

    private func lease() async throws -> PostgresConnection {
        while leased >= limit {
            await withCheckedContinuation { waiters.append($0) }
        }
        guard !closed else { throw LedgerUnavailableError(location: address.description, reason: "the ledger was closed") }
        leased += 1
        while let connection = idle.popLast() {
            if !connection.isClosed { return connection }
        }
        let id = nextID
        nextID += 1
        do {
            return try await Self.connect(address, id: id, logger: logger)
        } catch {
            leased -= 1
            wakeOne()
            throw error
        }
    }

    private func giveBack(_ connection: PostgresConnection, healthy: Bool) {
        leased -= 1
        if healthy && !closed {
            idle.append(connection)
        } else {
            Self.closeSoon(connection)
        }
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }

    /// Closes `connection` in the background, keeping it alive until it is closed (postgres-nio
    /// requires a connection to be closed before it goes away).
    nonisolated static func closeSoon(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    deinit {
        for connection in idle { Self.closeSoon(connection) }
    }

    /// Closes every idle connection; leased ones close when they come back.
    func close() async {
        closed = true
        let all = idle
        idle = []
        for connection in all { try? await connection.close() }
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
