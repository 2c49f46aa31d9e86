import Foundation

/// Whether the ledger's database answers, and since when: what `/healthz` reports as `ledger` and
/// `ledger_since`. Reads go on from the snapshot either way; writes need the database.
public struct LedgerAvailability: Sendable, Equatable {
    public enum State: String, Sendable { case ok, unavailable }

    public var state: State
    /// When the state last changed (or the service started).
    public var since: Date

    public init(state: State, since: Date = Date()) {
        self.state = state
        self.since = since
    }
}
