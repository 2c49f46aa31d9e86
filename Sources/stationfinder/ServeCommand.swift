import ArgumentParser
import Foundation
import Logging
import NIOCore
import StationServer
import StationStore

/// `stationfinder serve`: runs the HTTP API until SIGTERM or SIGINT, then shuts down gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (JSON and GeoJSON) over the ledger in --db."
    )

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Flag(help: "Leave out the access log (one line per request at info level).") var quiet = false
    @Option(help: "Demand for coverage, gaps, profile and recommend: a population raster (GeoTIFF), GeoJSON or CSV (default: spread evenly).")
    var demand: String?
    @Option(help: "A {z}/{x}/{y} tile URL template for the map's basemap (overlays are WGS-84: a GCJ-02 basemap sits 100-700 m off).")
    var tiles: String?
    @Option(help: "The basemap's attribution text (default: its host).") var tilesAttribution: String?
    @Option(help: "Directory holding leaflet.js and leaflet.css for the map (Debian's libjs-leaflet installs them here).")
    var leafletDir = MapSettings.debianLeafletDirectory
    @OptionGroup var limits: ServeLimitOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be within 0...65535, got \(port)") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        if let problem = limits.values.problem { throw ValidationError(problem) }
        if let tiles {
            do { _ = try TileLayer(urlTemplate: tiles) } catch { throw ValidationError("--tiles: \(error.description)") }
        } else if tilesAttribution != nil {
            throw ValidationError("--tiles-attribution needs --tiles")
        }
    }

    func run() async throws {
        // A mistyped --db must not become a new, empty ledger served as if it were the real one.
        _ = try await LedgerCLI.openSetUp(database)
        LoggingSystem.bootstrap { LogLineHandler(label: $0) }
        var arguments = ServerArguments(
            hostname: host, port: port, databasePath: database.address.text,
            logLevel: Logger.Level(rawValue: logLevel) ?? .info, accessLog: !quiet, demandPath: demand)
        arguments.limits = limits.values
        arguments.map = MapSettings(leafletDirectory: leafletDir,
                                    tiles: try tiles.map { try TileLayer(urlTemplate: $0, attribution: tilesAttribution) })
        let app = try await buildApplication(arguments)
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ValidationError("port \(port) on \(host) is already in use; stop what listens there or pass --port")
        }
    }
}
