import ArgumentParser
import Foundation
import StationCore
import StationGeometry

/// `stationfinder map-layers`: writes the two layers the web map draws first, for GIS tools or a
/// static map: the district outlines and the compact stations layer at a time.
struct MapLayersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map-layers",
        abstract: "Write the map's district outlines and compact stations layer (GeoJSON) into a directory."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Directory to write districts.geojson and stations-compact.geojson into (each atomically).")
    var outDir: String

    @Option(help: "Local Beijing time \"YYYY-MM-DDTHH:MM\" or \"now\" (default: now) the stations' states are for.")
    var at: String?

    @Flag(help: "Draw stations open at some time in this week (Monday to Sunday, Beijing) as open.")
    var anyTime = false

    @Flag(help: "Include members-only (grade C) stations, as an auditor's map shows them.")
    var includeMembersOnly = false

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outDir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--out-dir \(outDir) is not an existing directory")
        }
        let time = try QueryOptions.coverageTime(at: at, anyTime: anyTime)
        let (analyzer, ledger) = try await CoverageCLI.analyzer(database)
        let catalog = StationCatalog(stations: ledger)
        let states = catalog.stations.indices.filter { includeMembersOnly || catalog.stations[$0].grade.isPublic }.map { i in
            (station: catalog.stations[i], state: time.drawState(of: catalog.stations[i], hours: catalog.compiledHours(forStationAt: i)))
        }
        let files = try LedgerGeoJSON.writeMapLayers(to: URL(fileURLWithPath: outDir), districts: analyzer.districts,
                                                     population: analyzer.population, states: states, time: time)
        let open = states.filter { $0.state == .open }.count
        print("wrote \(files.map(\.path).joined(separator: " and ")): \(analyzer.districts.count) districts, "
              + "\(states.count) stations (\(open) open at \(time.label))")
    }
}
