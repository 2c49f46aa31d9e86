import Hummingbird

/// Per-request state: Hummingbird's core context plus the caller found by ``APIKeyMiddleware``.
public struct StationRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is calling; `.anonymous` without a valid `Authorization: Bearer` key.
    public var caller: Caller = .anonymous
    /// The connection's peer address: read only to rate-limit reports (hashed, never stored).
    public let remoteIP: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteIP = source.channel.remoteAddress?.ipAddress
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
