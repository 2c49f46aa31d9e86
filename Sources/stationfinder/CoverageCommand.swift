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
        let rows = try analyzer.coverage(of: shapes, options: options)
        if json {
            print(try CoverageCLI.json(rows))
            return
        }
        print("district name          area_km2  covered_km2  coverage_%  stations  per_km2  pop_weighted_%")
        for r in rows {
            print([CoverageCLI.pad(r.district, 8), CoverageCLI.pad("\(r.name) \(r.pinyin)", 16),
                   CoverageCLI.pad(CoverageCLI.f(r.areaKm2, 2), 9), CoverageCLI.pad(CoverageCLI.f(r.coveredKm2, 3), 12),
                   CoverageCLI.pad(CoverageCLI.f(r.coveragePct, 2), 11), CoverageCLI.pad(String(r.stations), 9),
                   CoverageCLI.pad(CoverageCLI.f(r.stationsPerKm2, 3), 8),
                   r.populationWeightedCoveragePct.map { CoverageCLI.f($0, 2) } ?? "-"].joined(separator: " "))
        }
    }
}
