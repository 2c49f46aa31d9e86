import ArgumentParser
import Logging
import StationServer

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
    @Option(help: "Demand for coverage, gaps, profile and recommend: a population raster (GeoTIFF), GeoJSON or CSV (default: spread evenly).")
    var demand: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be within 0...65535, got \(port)") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { LogLineHandler(label: $0) }
        let arguments = ServerArguments(
            hostname: host, port: port, databasePath: database.path,
            logLevel: Logger.Level(rawValue: logLevel) ?? .info, demandPath: demand)
        let app = try await buildApplication(arguments)
        try await app.runService()
    }
}
