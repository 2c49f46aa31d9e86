import ArgumentParser
import Foundation
import StationCore
import StationStore

/// `stationfinder validate`: checks ledger files as `import` would, without writing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check ledger files without importing them (same checks and report as import)."
    )

    @Argument(help: "Ledger files: .csv or .geojson.")
    var files: [String]

    @Option(help: "Coordinate system of the files: wgs84, gcj02 or bd09.")
    var crs: CoordinateSystem = .wgs84

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one ledger file") }
    }

    func run() throws {
        let db = try LedgerCLI.open(database)
        let stations = try LedgerCLI.reportingFailures {
            try db.checkLedger(files: files.map { URL(fileURLWithPath: $0) }, crs: crs)
        }
        print("\(files.joined(separator: ", ")): \(stations.count) stations, no problems found")
    }
}
