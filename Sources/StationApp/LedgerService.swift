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

    /// Loads the geography and the first snapshot from `store`.
    public init(store: any LedgerStore, demand: DemandLayer? = nil) async throws {
        self.store = store
        geography = try await LedgerGeography.load(from: store, demand: demand)
        let (stations, version) = try await store.versionedStations()
        current = Mutex(LedgerSnapshot(stations: stations, ledgerVersion: version, geography: geography))
    }

    /// The snapshot in force now. Keep it for the whole request for a consistent view.
    public var snapshot: LedgerSnapshot { current.withLock { $0 } }

    /// Runs a write against the store, then brings the snapshot up to what it committed.
    public func write<T>(_ body: (any LedgerStore) async throws -> T) async throws -> T {
        let result = try await body(store)
        try await rebuild()
        return result
    }

    /// Swaps in a fresh snapshot when the ledger changed since the current one was built (another
    /// process imported, or another replica wrote); true when it did. Cheap when nothing changed:
    /// one indexed lookup of the ledger version.
    @discardableResult
    public func refreshIfStale() async throws -> Bool {
        guard try await store.ledgerVersion() != snapshot.ledgerVersion else { return false }
        return try await rebuild()
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
