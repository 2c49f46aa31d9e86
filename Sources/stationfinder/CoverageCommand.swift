import ArgumentParser
import Foundation
import StationGeometry

/// `stationfinder coverage`: how much of each district lies within reach of an eligible station.
struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Share of each district within the service radius of an open station."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var radius: CoverageRadiusOptions

    @OptionGroup var scope: CoverageScopeOptions
    @OptionGroup var walk: WalkRadiusOption
    @OptionGroup var demandFile: DemandOptions

    @Option(help: "Stations a place needs within the radius to count: 1, or 2 for cross-coverage (the unions' 双15 standard).")
    var minStations: Int = 1

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func run() async throws {
        let time = try QueryOptions.coverageTime(at: scope.at, anyTime: scope.anyTime)
        guard (1...2).contains(minStations) else { throw ValidationError("--min-stations must be 1 or 2, got \(minStations)") }
        let metres = try walk.radiusMetres(radius.radius, radiusGiven: radius.radius != CoverageOptions.defaultRadiusMetres)
        let (loaded, _) = try await CoverageCLI.analyzer(database)
        let shapes = try CoverageCLI.districts(scope.districts, in: loaded)
        let analyzer = loaded.with(demand: try demandFile.layer(for: shapes))
        let options = CoverageOptions(radiusMetres: metres, time: time, includeMembersOnly: radius.includeMembersOnly,
                                      minStations: minStations)
        let rows = try analyzer.coverage(of: shapes, options: options, progress: CoverageCLI.progress("districts"))
        let report = CoverageReport(rows: rows, options: options, allDistricts: scope.districts.isEmpty)
        if json {
            print(try LedgerCLI.json(report.jsonRows))
            return
        }
        print("Coverage \(report.echo.sentence)")
        var table = TextTable(["district", "name", "area_km2", "covered_km2", "coverage_%", "stations", "per_km2", "pop_weighted_%"],
                              rightAligned: [2, 3, 4, 5, 6, 7])
        for r in report.rows + (report.total.map { [$0] } ?? []) {
            table.append([r.district == DistrictCoverage.cityAdcode ? "total" : r.district, "\(r.name) \(r.pinyin)",
                          CoverageCLI.f(r.areaKm2, 2), CoverageCLI.f(r.coveredKm2, 3), CoverageCLI.f(r.coveragePct, 2),
                          String(r.stations), CoverageCLI.f(r.stationsPerKm2, 3),
                          r.populationWeightedCoveragePct.map { CoverageCLI.f($0, 2) } ?? "-"])
        }
        print(table.render())
        if minStations == 2 {
            print("Covered means within \(CoverageCLI.f(metres, 0)) m of at least 2 eligible stations (cross-coverage).")
        }
        if analyzer.demand == nil {
            print(CoverageCLI.uniformDemandNote)
        } else if let name = analyzer.demand?.sourceName {
            print("Population-weighted figures use the demand in \(name).")
        }
    }
}
