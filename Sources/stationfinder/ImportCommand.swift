import ArgumentParser
import Foundation
import StationCore
import StationStore

/// `stationfinder import`: loads ledger files into the database, all or nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import station ledgers (CSV or GeoJSON) into the database, all or nothing.",
        discussion: """
            Without --replace, stations are inserted or updated by id; with --replace the files \
            become the whole ledger and stations missing from them are deleted. Any invalid row \
            fails the whole import, lists every problem (file, line, column, reason) and leaves \
            the database unchanged. Every change is kept in the station history, with the file \
            names and --crs. A --replace that would delete more than 10 % of the ledger, or \
            coordinates that move stations by exactly the GCJ-02 or BD-09 offset, stop the import \
            until you pass --yes. --dry-run shows what would change and writes nothing.
            """
    )

    @Argument(help: "Ledger files: .csv (English or Chinese header) or .geojson (Points).")
    var files: [String]

    @Option(help: "Coordinate system of the files: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu).")
    var crs: CoordinateSystem = .wgs84

    @Flag(help: "Replace the whole ledger with these files (stations not in them are deleted).")
    var replace = false

    @Option(help: "Name recorded in the history (default: the OS user).")
    var actor: String?

    @Flag(help: "Show what would be inserted, updated, unchanged and deleted; write nothing.")
    var dryRun = false

    @Flag(help: "Import even when it deletes over 10 % of the ledger or the coordinates look like GCJ-02/BD-09.")
    var yes = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one ledger file") }
        if let actor, actor.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--actor must not be empty")
        }
    }

    func run() async throws {
        let db = try await LedgerCLI.open(database, .readWrite)
        let urls = files.map { URL(fileURLWithPath: $0) }
        if dryRun {
            let plan = try await LedgerCLI.reportingFailures { try await db.planImport(files: urls, crs: crs, replace: replace) }
            print("dry run, nothing written to \(database.path)")
            print(ImportPlanText.render(plan))
            return
        }
        let request = ImportRequest(replace: replace, crs: crs, actor: actor ?? DefaultActor.name,
                                    source: urls.map(\.lastPathComponent).joined(separator: ", "), confirmed: yes)
        let summary = try await LedgerCLI.reportingFailures { try await db.importLedger(files: urls, request: request) }
        print("imported into \(database.path): \(summary)")
    }
}
