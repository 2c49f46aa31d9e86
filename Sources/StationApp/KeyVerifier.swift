import Foundation
import StationStore
import Synchronization

/// Checks API keys against the ledger, and keeps the keys it found good for a while, so a worker whose
/// app sends a key is still answered while the ledger's database cannot be reached.
///
/// Why: reads are answered from the in-memory snapshot during an outage, but every keyed request would
/// still need the database for its key and fail with 503. Keys are revoked by writing to the ledger, and
/// no write gets through during an outage; so a key this server saw as good shortly before can be taken
/// as good during one. The window is bounded (``outageGrace``) because a key revoked through
/// another process is only seen here at its next check. Entries are kept under the key's SHA-256, never
/// the secret, and only for keys that were good; a key the ledger says is unknown or revoked drops out.
public final class KeyVerifier: Sendable {
    public let store: any LedgerStore
    /// How long after its last good check a key is still taken during an outage: one hour.
    public let outageGrace: Duration
    private let goodKeys = Mutex<[String: (key: APIKey, checkedAt: ContinuousClock.Instant)]>([:])

    public init(store: any LedgerStore, outageGrace: Duration = .seconds(3_600)) {
        self.store = store
        self.outageGrace = outageGrace
    }

    /// The key `secret` belongs to, nil when unknown or revoked.
    /// - Throws: ``LedgerUnavailableError`` during an outage for a key not checked good within the grace.
    public func verify(_ secret: String) async throws -> APIKey? {
        let digest = StationDatabase.sha256Hex(secret)
        do {
            let key = try await store.verifyKey(secret)
            goodKeys.withLock { $0[digest] = key.map { ($0, ContinuousClock.now) } }
            return key
        } catch let outage as LedgerUnavailableError {
            guard let known = goodKeys.withLock({ $0[digest] }), ContinuousClock.now - known.checkedAt <= outageGrace else {
                throw outage
            }
            return known.key
        }
    }
}
