import Synchronization

/// A token bucket per client: `perMinute` requests a minute, refilled evenly, bursts up to the same
/// count. Clients are kept under a hash of their identity (API key id or address) seeded afresh by
/// each process, never the identity itself, and a client whose bucket has refilled is forgotten.
final class ClientRateLimiter: Sendable {
    let perMinute: Int

    private struct Bucket {
        var tokens: Double
        var updatedAt: Double
    }

    private struct State {
        var buckets: [Int: Bucket] = [:]
        var lastSweep: Double = 0
    }

    private let state = Mutex(State())

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Takes one request from `client`'s bucket at `now` (seconds on a monotonic clock); nil when
    /// allowed, else the whole seconds until it would be (for `Retry-After`).
    func admit(client: String, now: Double) -> Int? {
        guard perMinute > 0 else { return nil }
        var hasher = Hasher()
        hasher.combine(client)
        let key = hasher.finalize()
        let capacity = Double(perMinute)
        let perSecond = capacity / 60
        return state.withLock { s in
            if now - s.lastSweep > 60 {
                // Forget clients whose buckets are full again: they are as if never seen.
                s.buckets = s.buckets.filter { _, b in b.tokens + (now - b.updatedAt) * perSecond < capacity }
                s.lastSweep = now
            }
            var bucket = s.buckets[key] ?? Bucket(tokens: capacity, updatedAt: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updatedAt) * perSecond)
            bucket.updatedAt = now
            defer { s.buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
    }
}
