import Foundation
import StationCore
import StationGeometry

/// The 168-hour profile part of the benchmark: Xicheng (110102), this week.
enum BenchProfile {
    static func run(analyzer: CoverageAnalyzer, map: DistrictMap) throws {
        guard let xicheng = map.shape(adcode: "110102") else { print("no Xicheng in districts.geojson"); return }
        let now = Int64(Date().timeIntervalSince1970)
        var profile: WeekProfile?
        let t = try seconds {
            profile = try analyzer.weekProfile(of: xicheng, weekContaining: now, options: CoverageOptions(radiusMetres: 500))
        }
        guard let profile else { return }
        let pcts = profile.hours.map(\.coveragePct)
        print(String(format: "profile 110102 Xicheng week of %@: %.3f s (target < 5 s), %d distinct station sets, coverage min %.2f %% max %.2f %%",
                     profile.weekStart, t, profile.distinctStationSets, pcts.min() ?? 0, pcts.max() ?? 0))
        print("Monday hourly %:", profile.hours.prefix(24).map { String(format: "%.1f", $0.coveragePct) }.joined(separator: " "))
    }
}
