import Logging

/// What the server needs to start; the CLI's `serve` command and the tests both provide it.
public protocol AppArguments: Sendable {
    var hostname: String { get }
    var port: Int { get }
    /// SQLite file of the ledger; nil for a new in-memory database (tests).
    var databasePath: String? { get }
    var logLevel: Logger.Level { get }
    /// Whether to log one line per request (`serve --quiet` turns it off).
    var accessLog: Bool { get }
    /// Seconds between checks for ledger changes made by other processes.
    var ledgerCheckInterval: Duration { get }
    /// Demand file (population raster, GeoJSON or CSV) for coverage, gaps, profile and recommend; nil: uniform.
    var demandPath: String? { get }
    /// The map page's Leaflet directory and basemap.
    var map: MapSettings { get }
    /// Timeouts, request sizes, heavy-route admission and per-client rate limits.
    var limits: ServiceLimits { get }
}

extension AppArguments {
    public var accessLog: Bool { true }
    public var ledgerCheckInterval: Duration { .milliseconds(500) }
    public var demandPath: String? { nil }
    /// Debian's Leaflet and no basemap, for arguments that do not say.
    public var map: MapSettings { MapSettings() }
    public var limits: ServiceLimits { ServiceLimits() }
}

/// A plain ``AppArguments`` value.
public struct ServerArguments: AppArguments {
    public var hostname: String
    public var port: Int
    public var databasePath: String?
    public var logLevel: Logger.Level
    public var accessLog: Bool
    public var ledgerCheckInterval: Duration
    public var demandPath: String?
    public var map = MapSettings()
    public var limits = ServiceLimits()

    public init(hostname: String = "127.0.0.1", port: Int = 8080, databasePath: String?, logLevel: Logger.Level = .info,
                accessLog: Bool = true, ledgerCheckInterval: Duration = .milliseconds(500), demandPath: String? = nil) {
        self.hostname = hostname
        self.port = port
        self.databasePath = databasePath
        self.logLevel = logLevel
        self.accessLog = accessLog
        self.ledgerCheckInterval = ledgerCheckInterval
        self.demandPath = demandPath
    }
}
