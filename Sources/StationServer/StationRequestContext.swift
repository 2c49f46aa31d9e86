import Hummingbird

/// Per-request state: Hummingbird's core context plus the caller found by ``APIKeyMiddleware``.
public struct StationRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is calling; `.anonymous` without a valid `Authorization: Bearer` key.
    public var caller: Caller = .anonymous
    /// The request's route in ``APIRoute/all``, found once by ``StrictQueryMiddleware``; nil before it
    /// runs and for a path the table does not declare.
    var route: APIRoute?
    /// Reads the connection's peer address when it is needed (per-client limits of writes, heavy
    /// requests and reports; a forwarded client's proxy): formatting it for every request would cost
    /// every route.
    private let peerAddress: @Sendable () -> String?
    /// Closes the request's connection (a body that arrives too slowly, see ``BodyDeadlineMiddleware``).
    let closeConnection: @Sendable () -> Void

    public init(source: Source) {
        coreContext = .init(source: source)
        peerAddress = { [channel = source.channel] in channel.remoteAddress?.ipAddress }
        closeConnection = { [channel = source.channel] in channel.close(promise: nil) }
    }

    /// The connection's peer address: read only for the per-client limits (hashed for reports, never stored).
    var remoteIP: String? { peerAddress() }

    /// The client's address as a trusted proxy in front reported it; see ``ForwardedClientMiddleware``.
    var forwardedClient: String?

    /// Who a request counts as for per-client limits: its API key, else its address (the forwarded
    /// one behind a trusted proxy).
    var clientIdentity: String {
        if case .key(let id, _, _) = caller { return "key:" + id }
        return "address:" + (forwardedClient ?? remoteIP ?? "unknown")
    }

    /// Bodies larger than this get 413; the import route reads its own, larger limit.
    public var maxUploadSize: Int { APILimits.maxBodyBytes }
}

/// Request size limits.
public enum APILimits {
    /// Every body but an import: 64 KiB is far above any station record.
    public static let maxBodyBytes = 64 * 1024
    /// An import body (CSV or GeoJSON ledger): 20 MB holds well over 100,000 stations.
    public static let maxImportBytes = 20 * 1024 * 1024
}
