import Foundation
import StationGeometry

/// The limits a public service needs, in one value: `serve` options set them, the tests shrink them.
///
/// Heavy routes (coverage, gaps, profile, export, recommend, and along with a long route) take whole
/// seconds of CPU: at most ``heavyWorkers`` run at once, off the request tasks, and at most
/// ``heavyQueue`` more wait; beyond that the answer is 503 with `Retry-After`. Each client (its API
/// key, else its address) may start ``heavyPerMinute`` heavy requests and ``writesPerMinute`` writes a
/// minute (a token bucket that refills evenly, so bursts up to the same count pass); beyond, 429 with
/// `Retry-After`.
public struct ServiceLimits: Sendable, Equatable {
    /// Heavy requests computed at the same time (default: one per core).
    public var heavyWorkers: Int
    /// Heavy requests that may wait for a worker before more are refused with 503.
    public var heavyQueue: Int
    /// Heavy requests one client may start per minute; 0 turns the limit off.
    public var heavyPerMinute: Int
    /// Writes (POST, PUT, DELETE other than along) one client may send per minute; 0 turns the limit off.
    public var writesPerMinute: Int
    /// Longest request target (path and query) in bytes; longer gets 414.
    public var maxURLBytes: Int
    /// Most query parameters one request may carry; more gets 400.
    public var maxQueryParameters: Int
    /// A connection that completes no request head for this long (slow headers, or an idle
    /// keep-alive connection) is closed.
    public var idleTimeoutSeconds: Int
    /// A request body must arrive in full within this many seconds of its head, else the
    /// connection is closed.
    public var bodyTimeoutSeconds: Int
    /// How long a recommendation's LP bound may hold a heavy worker; stopped there, the answer carries
    /// a looser bound and `bound_optimal: false` (a district-wide request in a large district can take
    /// a minute to prove).
    public var recommendBoundSeconds: Double
    /// Addresses of the proxies (balancers) in front whose `X-Forwarded-For` names the client for the
    /// per-client limits; empty: clients are known by their own address.
    public var trustedProxies: Set<String>

    public init(heavyWorkers: Int = ServiceLimits.defaultHeavyWorkers, heavyQueue: Int = 16,
                heavyPerMinute: Int = 60, writesPerMinute: Int = 120,
                maxURLBytes: Int = 8_192, maxQueryParameters: Int = 64,
                idleTimeoutSeconds: Int = 30, bodyTimeoutSeconds: Int = 60, recommendBoundSeconds: Double = 10,
                trustedProxies: Set<String> = []) {
        self.heavyWorkers = heavyWorkers
        self.heavyQueue = heavyQueue
        self.heavyPerMinute = heavyPerMinute
        self.writesPerMinute = writesPerMinute
        self.maxURLBytes = maxURLBytes
        self.maxQueryParameters = maxQueryParameters
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.recommendBoundSeconds = recommendBoundSeconds
        self.trustedProxies = trustedProxies
    }

    /// One heavy worker per core, at least one.
    public static var defaultHeavyWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// What is wrong with these limits, for `serve` to refuse; nil when they are usable.
    public var problem: String? {
        if heavyWorkers < 1 { return "--heavy-workers must be at least 1, got \(heavyWorkers)" }
        if heavyQueue < 0 { return "--heavy-queue must be 0 or more, got \(heavyQueue)" }
        if heavyPerMinute < 0 { return "--heavy-per-minute must be 0 (off) or more, got \(heavyPerMinute)" }
        if writesPerMinute < 0 { return "--writes-per-minute must be 0 (off) or more, got \(writesPerMinute)" }
        if maxURLBytes < 256 { return "--max-url-bytes must be at least 256, got \(maxURLBytes)" }
        if maxQueryParameters < 16 { return "--max-query-parameters must be at least 16, got \(maxQueryParameters)" }
        if idleTimeoutSeconds < 1 { return "--idle-timeout must be at least 1 second, got \(idleTimeoutSeconds)" }
        if bodyTimeoutSeconds < 1 { return "--body-timeout must be at least 1 second, got \(bodyTimeoutSeconds)" }
        if !RecommendOptions.boundSecondsRange.contains(recommendBoundSeconds) {
            return "--recommend-bound-seconds must be within 0.1...600, got \(recommendBoundSeconds)"
        }
        return nil
    }
}
