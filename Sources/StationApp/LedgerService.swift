import StationCore
import StationGeometry
import StationStore
import Synchronization

/// The ledger as the front ends use it: the store (any engine) plus the snapshot in force, an
/// immutable in-memory copy every read works from.
///
/// A write goes to the store first; then a snapshot is built from what the store holds and swapped
/// in whole, so a reader sees the old ledger or the new one, never half a change. Snapshots only
/// ever move forward: one built from an older ledger version never replaces a newer one, so
/// concurrent writes (from this process, another process, another replica) settle on the latest.
public final class LedgerService: Sendable {
    public let store: any LedgerStore
    /// Districts, population and demand: loaded once (they change only with `setup`).
    public let geography: LedgerGeography
    private let current: Mutex<LedgerSnapshot>
    private let availabilityState = Mutex(LedgerAvailability(state: .ok))
    /// Rebuilds take turns, so one committed version is never built twice (see ``refresh(toVersion:)``).
    private let rebuilds = SerialGate()

    /// Loads the geography and the first snapshot from `store`.
    public init(store: any LedgerStore, demand: DemandLayer? = nil) async throws {
        self.store = store
        geography = try await LedgerGeography.load(from: store, demand: demand)
        let (stations, version) = try await store.versionedStations()
        current = Mutex(LedgerSnapshot(stations: stations, ledgerVersion: version, geography: geography))
    }

    /// The snapshot in force now. Keep it for the whole request for a consistent view.
    public var snapshot: LedgerSnapshot { current.withLock { $0 } }

    /// Whether the database answered the last time it was asked, and since when.
    public var availability: LedgerAvailability { availabilityState.withLock { $0 } }

    /// Records whether the database answers; true when that changed the state (callers log changes only).
    @discardableResult
    public func markAvailable(_ available: Bool) -> Bool {
        let state: LedgerAvailability.State = available ? .ok : .unavailable
        return availabilityState.withLock { current in
            guard current.state != state else { return false }
            current = LedgerAvailability(state: state)
            return true
        }
    }

    /// Runs a write against the store, then brings the snapshot up to what it committed. A store that
    /// cannot be reached marks the ledger unavailable and the error goes on to the caller.
    public func write<T>(_ body: (any LedgerStore) async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body(store)
        } catch let error as LedgerUnavailableError {
            markAvailable(false)
            throw error
        }
        // Committed: a failed rebuild must not report the write as failed. The snapshot catches up
        // when the database answers again (the follower compares versions on reconnect).
        do {
            _ = try await rebuilds.run { try await self.rebuild() }
        } catch {
            markAvailable(false)
        }
        return result
    }

    /// Swaps in a fresh snapshot when the ledger changed since the current one was built (another
    /// process imported, or another replica wrote); true when it did. Cheap when nothing changed:
    /// one indexed lookup of the ledger version.
    @discardableResult
    public func refreshIfStale() async throws -> Bool {
        try await refresh(toVersion: nil)
    }

    /// Brings the snapshot up to at least `version` (a change feed's announcement; nil: whatever the
    /// store holds now). Waits for a rebuild under way first, so a replica's own write and its
    /// notification build one snapshot between them, not two; returns true when it swapped one in.
    @discardableResult
    public func refresh(toVersion version: Int64?) async throws -> Bool {
        try await rebuilds.run {
            if let version, self.snapshot.ledgerVersion >= version { return false }
            guard try await self.store.ledgerVersion() != self.snapshot.ledgerVersion else { return false }
            return try await self.rebuild()
        }
    }

    /// Builds a snapshot from the store and swaps it in unless a newer one got there first.
    @discardableResult
    private func rebuild() async throws -> Bool {
        let (stations, version) = try await store.versionedStations()
        guard version != snapshot.ledgerVersion else { return false }
        let rebuilt = LedgerSnapshot(stations: stations, ledgerVersion: version, geography: geography)
        return current.withLock { inForce in
            guard rebuilt.ledgerVersion > inForce.ledgerVersion else { return false }
            inForce = rebuilt
            return true
        }
    }
}
