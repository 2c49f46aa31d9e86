import ArgumentParser
import Foundation
import StationCore
import StationGeometry

/// `stationfinder gaps`: the district's grid cells with the most demand no station reaches.
struct GapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Rank a district's square cells by demand left uncovered (worst first).",
        discussion: "Score = demand x uncovered fraction. Demand defaults to the cell's area in km2 (then equal scores are ranked by distance to the nearest station, farthest first); --demand takes a population raster (GeoTIFF, any CRS), GeoJSON points/polygons with a numeric weight property or CSV lon,lat,weight."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var radius: CoverageRadiusOptions

    @Option(help: "District by adcode, Chinese name or pinyin.")
    var district: String

    @Option(help: "Cell side in metres (50...5000).")
    var cell: Double = GapOptions.defaultCellMetres

    @Option(help: "Local Beijing time \"YYYY-MM-DDTHH:MM\" or \"now\" (default: now).")
    var at: String?

    @Option(help: "Demand file: GeoJSON (features with a weight) or CSV lon,lat,weight.")
    var demand: String?

    @Option(help: "How many cells to list.")
    var top: Int = 20

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Write the ranked cells as a GeoJSON FeatureCollection to this file instead.")
    var geojson: String?

    func validate() throws {
        guard cell.isFinite, GapOptions.cellRangeMetres.contains(cell) else {
            throw ValidationError("--cell must be between 50 and 5000 metres, got \(cell)")
        }
        guard top >= 1 else { throw ValidationError("--top must be at least 1, got \(top)") }
        if json && geojson != nil { throw ValidationError("use either --json or --geojson, not both") }
    }

    func run() async throws {
        let time = try QueryOptions.coverageTime(at: at, anyTime: false)
        var demandLayer: DemandLayer?
        if let demand, !FileManager.default.isReadableFile(atPath: demand) {
            throw ValidationError("cannot read demand file \(demand)")
        }
        let (analyzer, _) = try await CoverageCLI.analyzer(database)
        let shape = try CoverageCLI.districts([district], in: analyzer)[0]
        if let demand {
            // GeoJSON, CSV or a population raster (read only around the district).
            do { demandLayer = try DemandLayer.load(path: demand, within: DemandOptions.box(of: [shape])) }
            catch { throw ValidationError("invalid demand file: \(error)") }
        }
        let options = GapOptions(coverage: CoverageOptions(radiusMetres: radius.radius, time: time,
                                                           includeMembersOnly: radius.includeMembersOnly),
                                 cellMetres: cell, top: top, demand: demandLayer)
        if let geojson {
            let url = URL(fileURLWithPath: geojson)
            try analyzer.writeGapCells(to: url, of: shape, options: options)
            print("wrote \(url.path)")
            return
        }
        let gaps = try analyzer.gaps(in: shape, options: options, progress: CoverageCLI.progress("grid rows"))
        let echo = CoverageEcho(options.coverage)
        if json {
            print(try LedgerCLI.json(GapsJSON(echo: echo, cells: gaps.cells)))
            return
        }
        let c = gaps.coverage
        print("\(c.district) \(c.name) \(c.pinyin): \(CoverageCLI.f(c.coveragePct, 2)) % covered; \(gaps.cellsAnalysed) cells of \(CoverageCLI.f(cell, 0)) m")
        print("Gaps \(echo.sentence)")
        if let note = gaps.uniformDemandNote { print(note) }
        var table = TextTable(["rank", "lon", "lat", "nearest_m", "uncovered_%", "demand", "score"], rightAligned: [0, 3, 4, 5, 6])
        for g in gaps.cells {
            table.append([String(g.rank), CoverageCLI.f(g.lon, 6), CoverageCLI.f(g.lat, 6),
                          g.distanceM.map { CoverageCLI.f($0, 0) } ?? "none", CoverageCLI.f(g.uncoveredFraction * 100, 1),
                          CoverageCLI.f(g.demand, 4), CoverageCLI.f(g.score, 4)])
        }
        print(table.render())
    }
}

/// `gaps --json`: the ranked cells with the time, radius and members-only choice they were ranked for.
struct GapsJSON: Encodable {
    var echo: CoverageEcho
    var cells: [GapCell]

    enum CodingKeys: String, CodingKey { case cells }

    func encode(to encoder: any Encoder) throws {
        try echo.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cells, forKey: .cells)
    }
}
