import Logging

/// What the server needs to start; the CLI's `serve` command and the tests both provide it.
public protocol AppArguments: Sendable {
    var hostname: String { get }
    var port: Int { get }
    /// SQLite file of the ledger; nil for a new in-memory database (tests).
    var databasePath: String? { get }
    var logLevel: Logger.Level { get }
    /// Demand file (population raster, GeoJSON or CSV) for coverage, gaps, profile and recommend; nil: uniform.
    var demandPath: String? { get }
}

extension AppArguments {
    public var demandPath: String? { nil }
}

/// A plain ``AppArguments`` value.
public struct ServerArguments: AppArguments {
    public var hostname: String
    public var port: Int
    public var databasePath: String?
    public var logLevel: Logger.Level
    public var demandPath: String?

    public init(hostname: String = "127.0.0.1", port: Int = 8080, databasePath: String?, logLevel: Logger.Level = .info,
                demandPath: String? = nil) {
        self.hostname = hostname
        self.port = port
        self.databasePath = databasePath
        self.logLevel = logLevel
        self.demandPath = demandPath
    }
}
