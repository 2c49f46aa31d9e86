import ArgumentParser
import Foundation
import StationGeometry

/// `stationfinder export`: writes the coverage map (RFC 7946 GeoJSON) for GIS tools.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a GeoJSON coverage map: districts with figures, uncovered areas, worst cells, stations."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var radius: CoverageRadiusOptions

    @Option(help: "Output file (.geojson); written to a temporary name then renamed.")
    var out: String

    @OptionGroup var scope: CoverageScopeOptions

    @Option(help: "Underserved cells per district in the map.")
    var top: Int = 20

    @Option(help: "Cell side in metres (50...5000).")
    var cell: Double = GapOptions.defaultCellMetres

    func validate() throws {
        guard cell.isFinite, GapOptions.cellRangeMetres.contains(cell) else {
            throw ValidationError("--cell must be between 50 and 5000 metres, got \(cell)")
        }
        guard top >= 1 else { throw ValidationError("--top must be at least 1, got \(top)") }
    }

    func run() async throws {
        let url = URL(fileURLWithPath: out)
        let directory = url.deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw ValidationError("cannot write \(url.path): directory \(directory) does not exist or is not writable")
        }
        let time = try QueryOptions.coverageTime(at: scope.at, anyTime: scope.anyTime)
        let (analyzer, ledger) = try await CoverageCLI.analyzer(database)
        let shapes = try CoverageCLI.districts(scope.districts, in: analyzer)
        let options = GapOptions(coverage: CoverageOptions(radiusMetres: radius.radius, time: time,
                                                           includeMembersOnly: radius.includeMembersOnly),
                                 cellMetres: cell, top: top)
        do {
            try analyzer.writeCoverageMap(to: url, of: shapes, options: options, ledger: ledger,
                                          progress: CoverageCLI.progress("districts"))
        } catch let error as ExportError {
            throw ValidationError(error.description)
        }
        print("wrote \(url.path) (\(shapes.count) district\(shapes.count == 1 ? "" : "s"))")
    }
}
