import ArgumentParser
import Foundation
import StationCore
import StationStore

/// `stationfinder validate`: checks ledger files as `import` would, without writing.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check ledger files without importing them (same checks and report as import)."
    )

    @Argument(help: "Ledger files: .csv or .geojson.")
    var files: [String]

    @Option(help: "Coordinate system of the files: wgs84, gcj02 or bd09.")
    var crs: CoordinateSystem = .wgs84

    @Flag(help: "Also show what importing the files would insert, update, leave unchanged and delete.")
    var diff = false

    @Flag(help: "With --diff: compare as `import --replace` would (stations not in the files deleted).")
    var replace = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one ledger file") }
        if replace && !diff { throw ValidationError("--replace only makes sense with --diff") }
    }

    func run() async throws {
        let db = try await LedgerCLI.open(database, .readOnly)
        let urls = files.map { URL(fileURLWithPath: $0) }
        if diff {
            let plan = try await LedgerCLI.reportingFailures { try await db.planImport(files: urls, crs: crs, replace: replace) }
            print("\(files.joined(separator: ", ")): \(plan.read) \(plan.read == 1 ? "station" : "stations"), no problems found")
            print(ImportPlanText.render(plan))
            return
        }
        let stations = try await LedgerCLI.reportingFailures { try await db.checkLedger(files: urls, crs: crs) }
        print("\(files.joined(separator: ", ")): \(stations.count) \(stations.count == 1 ? "station" : "stations"), no problems found")
    }
}
