import Foundation
import StationCore
import StationGeometry

/// CoverageBench: all districts at 500 m with the sample ledger, then one central district's
/// 168-hour profile. Run: swift run -c release --package-path Benchmarks CoverageBench
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let geodata = root.appendingPathComponent("geodata")

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let districtData = try Data(contentsOf: geodata.appendingPathComponent("districts.geojson"))
let map = try DistrictMap(geoJSON: districtData)
let csv = try String(contentsOf: geodata.appendingPathComponent("stations-sample.csv"), encoding: .utf8)
let rows = SampleCSV.rows(csv)
let stations: [CoverageStation] = rows.compactMap { row in
    guard let lon = row["lon"].flatMap(Double.init), let lat = row["lat"].flatMap(Double.init) else { return nil }
    return CoverageStation(id: row["id"] ?? "", location: LonLat(lon: lon, lat: lat),
                           isPublic: row["grade"] != "C", isActive: row["status"] == "active",
                           schedule: BenchSchedules.schedule(row["opening_hours"] ?? ""))
}
print("districts: \(map.shapes.count), stations: \(stations.count) (\(stations.filter { $0.isActive && $0.isPublic }.count) active public)")
let analyzer = CoverageAnalyzer(districts: map.shapes, stations: stations)

// Same station set as scripts/bench_coverage_shapely.py: every active station, hours ignored.
let options = CoverageOptions(radiusMetres: 500, time: .ignoringHours, includeMembersOnly: true)
_ = try analyzer.coverage(options: options)  // warm-up
var results: [DistrictCoverage] = []
var times: [Double] = []
for _ in 0..<5 {
    times.append(try seconds { results = try analyzer.coverage(options: options) })
}
for r in results {
    print(String(format: "%@ %-10@ area %8.2f km2  covered %8.3f km2  %6.3f %%  stations %4d",
                 r.district, r.pinyin, r.areaKm2, r.coveredKm2, r.coveragePct, r.stations))
}
print(String(format: "coverage, 16 districts, 500 m, all active stations, hours ignored: best %.3f s, median %.3f s (5 runs; target < 1 s)",
             times.min() ?? 0, times.sorted()[2]))

let oneThread = try seconds {
    for shape in map.shapes { _ = try analyzer.coverage(of: shape, options: options) }
}
print(String(format: "same, one district after another on one thread: %.3f s", oneThread))

let anyTime = CoverageOptions(radiusMetres: 500, time: .anyTimeInWeek(startingEpochSeconds: Int64(Date().timeIntervalSince1970)))
let anyTimeSeconds = try seconds { _ = try analyzer.coverage(options: anyTime) }
print(String(format: "coverage, 16 districts, 500 m, public stations open sometime this week: %.3f s", anyTimeSeconds))

try BenchProfile.run(analyzer: analyzer, map: map)
