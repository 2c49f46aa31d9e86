import ArgumentParser
import StationServer

/// `serve`'s limits: timeouts, request sizes, heavy-route admission and per-client rate limits.
struct ServeLimitOptions: ParsableArguments {
    private static let defaults = ServiceLimits()

    @Option(help: "Heavy requests (coverage, gaps, profile, export, recommend, long along routes) computed at once (default: one per core).")
    var heavyWorkers = ServeLimitOptions.defaults.heavyWorkers
    @Option(help: "Heavy requests that may wait for a worker; beyond, 503 with Retry-After.")
    var heavyQueue = ServeLimitOptions.defaults.heavyQueue
    @Option(help: "Heavy requests one client (API key, else address) may start per minute; beyond, 429 with Retry-After; 0: no limit.")
    var heavyPerMinute = ServeLimitOptions.defaults.heavyPerMinute
    @Option(help: "Writes (POST, PUT, DELETE) one client may send per minute; beyond, 429 with Retry-After; 0: no limit.")
    var writesPerMinute = ServeLimitOptions.defaults.writesPerMinute
    @Option(help: "Longest request target (path and query) in bytes; longer gets 414.")
    var maxURLBytes = ServeLimitOptions.defaults.maxURLBytes
    @Option(help: "Most query parameters in one request; more gets 400.")
    var maxQueryParameters = ServeLimitOptions.defaults.maxQueryParameters
    @Option(help: "Seconds a connection may take to send a complete request head, or stay idle, before it is closed.")
    var idleTimeout = ServeLimitOptions.defaults.idleTimeoutSeconds
    @Option(help: "Seconds a request body may take to arrive in full after its head before the connection is closed.")
    var bodyTimeout = ServeLimitOptions.defaults.bodyTimeoutSeconds
    @Option(help: "Seconds a recommendation's LP bound may run; stopped there, the answer's bound is looser and says so (bound_optimal: false).")
    var recommendBoundSeconds = ServeLimitOptions.defaults.recommendBoundSeconds
    @Option(help: "Address of a proxy in front (repeatable) whose X-Forwarded-For names the client for the per-client limits.")
    var trustedProxy: [String] = []

    var values: ServiceLimits {
        ServiceLimits(heavyWorkers: heavyWorkers, heavyQueue: heavyQueue, heavyPerMinute: heavyPerMinute,
                      writesPerMinute: writesPerMinute, maxURLBytes: maxURLBytes, maxQueryParameters: maxQueryParameters,
                      idleTimeoutSeconds: idleTimeout, bodyTimeoutSeconds: bodyTimeout,
                      recommendBoundSeconds: recommendBoundSeconds, trustedProxies: Set(trustedProxy))
    }
}
