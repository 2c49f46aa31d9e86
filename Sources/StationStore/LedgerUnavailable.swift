/// The ledger's database cannot be reached right now (server down, network gone, connection lost
/// mid-write). Nothing was committed by the call that threw it; callers may retry later. The HTTP
/// API answers it with 503 `ledger_unavailable`, and reads keep answering from the last snapshot.
public struct LedgerUnavailableError: Error, Sendable, CustomStringConvertible {
    /// Where the ledger is, without any password (for example `postgres://sf@db1:5432/ledger`).
    public let location: String
    /// Why, in a few words (`connection refused`, `connection lost`).
    public let reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "the ledger at \(location) is unavailable: \(reason)" }
}

/// A ledger engine that announces committed changes, so followers need not poll (PostgreSQL's
/// LISTEN/NOTIFY). SQLite has no such channel; its followers poll ``LedgerStore/ledgerVersion()``.
public protocol LedgerChangeFeed: LedgerStore {
    /// Follows the ledger until the task is cancelled: reconnects with capped exponential backoff
    /// when the connection drops, and reports what it sees to `events`. Returns when cancelled.
    func followChanges(_ events: @escaping @Sendable (LedgerFeedEvent) async -> Void) async
}

/// What a change feed reports to its follower.
public enum LedgerFeedEvent: Sendable, Equatable {
    /// Listening (again): changes may have been missed while not, so compare ledger versions now.
    case connected
    /// A write committed and the ledger is now at this version.
    case changed(version: Int64)
    /// The connection is gone and the feed is retrying; `reason` says why in a few words.
    case lost(reason: String)
}
