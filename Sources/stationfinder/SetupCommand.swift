import ArgumentParser
import Foundation
import StationCore
import StationStore

/// `stationfinder setup`: loads the bundled Beijing geodata (districts, population) into the
/// database and optionally the synthetic sample ledger. Safe to run again.
struct SetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Load districts and population from geodata/ into the database (idempotent).",
        discussion: "With --sample, also imports geodata/stations-sample.csv (synthetic stations) by id."
    )

    @Option(help: "Folder holding districts.geojson, district-population.csv and stations-sample.csv.")
    var geodata = "geodata"

    @Flag(help: "Also import the synthetic sample ledger (geodata/stations-sample.csv).")
    var sample = false

    @Option(help: "Name recorded in the history for the sample import (default: the OS user).")
    var actor: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let dir = URL(fileURLWithPath: geodata, isDirectory: true)
        let db = try await LedgerCLI.open(database, .readWrite)
        let count: Int
        do {
            count = try await db.loadGeodata(directory: dir)
        } catch {
            LedgerCLI.printError("error: cannot load geodata from \(dir.path): \(error)")
            throw ExitCode(1)
        }
        print("\(database.path): \(count) districts loaded from \(dir.path)")
        guard sample else { return }
        let file = dir.appendingPathComponent("stations-sample.csv")
        let summary = try await LedgerCLI.reportingFailures {
            try await db.importLedger(files: [file], crs: .wgs84, replace: false, actor: actor ?? DefaultActor.name)
        }
        print("sample ledger \(file.lastPathComponent): \(summary)")
    }
}
