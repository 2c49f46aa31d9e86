import Logging

/// What the server needs to start; the CLI's `serve` command and the tests both provide it.
public protocol AppArguments: Sendable {
    var hostname: String { get }
    var port: Int { get }
    /// SQLite file of the ledger; nil for a new in-memory database (tests).
    var databasePath: String? { get }
    var logLevel: Logger.Level { get }
    /// The map page's Leaflet directory and basemap.
    var map: MapSettings { get }
}

extension AppArguments {
    /// Debian's Leaflet and no basemap, for arguments that do not say.
    public var map: MapSettings { MapSettings() }
}

/// A plain ``AppArguments`` value.
public struct ServerArguments: AppArguments {
    public var hostname: String
    public var port: Int
    public var databasePath: String?
    public var logLevel: Logger.Level
    public var map = MapSettings()

    public init(hostname: String = "127.0.0.1", port: Int = 8080, databasePath: String?, logLevel: Logger.Level = .info) {
        self.hostname = hostname
        self.port = port
        self.databasePath = databasePath
        self.logLevel = logLevel
    }
}
