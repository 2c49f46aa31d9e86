import Logging
import PostgresNIO
import StationStore

extension PostgresLedger: LedgerStore, LedgerChangeFeed {
    /// The longest wait between two reconnection attempts.
    static let maximumBackoff = Duration.seconds(5)
    /// How often the listening connection is checked with a query, so a silently dead link is noticed.
    static let listenCheckInterval = Duration.seconds(2)

    /// LISTENs on a connection of its own for the versions writers announce, reconnecting with
    /// exponential backoff (0.1 s doubling up to ``maximumBackoff``) until the task is cancelled.
    public func followChanges(_ events: @escaping @Sendable (LedgerFeedEvent) async -> Void) async {
        var delay = Duration.milliseconds(100)
        var connectionID = 1_000_000
        while !Task.isCancelled {
            connectionID += 1
            do {
                let connection = try await PostgresConnections.connect(address, id: connectionID, logger: logger)
                delay = .milliseconds(100)
                do {
                    try await listen(on: connection, events: events)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
                if Task.isCancelled { return }
                await events(.lost(reason: "the listening connection closed"))
            } catch {
                if Task.isCancelled { return }
                let failure = PostgresFailure.classify(error, address: address)
                await events(.lost(reason: (failure as? LedgerUnavailableError)?.reason ?? "\(failure)"))
            }
            do { try await Task.sleep(for: delay) } catch { return }
            delay = min(delay * 2, Self.maximumBackoff)
        }
    }

    /// Listens until the connection fails (throws) or the task is cancelled (returns).
    private func listen(on connection: PostgresConnection, events: @escaping @Sendable (LedgerFeedEvent) async -> Void) async throws {
        let logger = logger
        try await connection.listen(on: PostgresSchema.channel) { notifications in
            await events(.connected)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await notification in notifications {
                        if let version = Int64(notification.payload) { await events(.changed(version: version)) }
                    }
                    throw LedgerUnavailableError(location: self.location, reason: "the listening connection closed")
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: Self.listenCheckInterval)
                        try await connection.query("SELECT 1", logger: logger)
                    }
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        }
    }
}
