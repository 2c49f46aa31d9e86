import ArgumentParser
import Foundation
import StationGeometry

/// `stationfinder coverage`: how much of each district lies within reach of an eligible station.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Share of each district within the service radius of an open station."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var radius: CoverageRadiusOptions

    @OptionGroup var scope: CoverageScopeOptions

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func run() throws {
        let time = try CoverageCLI.time(at: scope.at, anyTime: scope.anyTime)
        let (analyzer, _) = try CoverageCLI.analyzer(database)
        let shapes = try CoverageCLI.districts(scope.districts, in: analyzer)
        let options = CoverageOptions(radiusMetres: radius.radius, time: time, includeMembersOnly: radius.includeMembersOnly)
        let report = CoverageReport(rows: try analyzer.coverage(of: shapes, options: options, progress: CoverageCLI.progress("districts")),
                                    options: options,
                                    allDistricts: scope.districts.isEmpty)
        if json {
            print(try CoverageCLI.json(report.jsonRows))
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
    }
}
