import Foundation
import StationCore
import StationGeometry

/// RecommendBench: the issue's three speed targets for site recommendation and population rasters.
///   1. 5,000 demand points, 500 candidates, K = 10 in Chaoyang (bound included); the instance is
///      written to Benchmarks/.build/recommend-instance.json for scripts/bench_recommend_pulp.py.
///   2. All of Chaoyang, uniform demand, gap-cell candidates at 250 m, K = 20.
///   3. A 1,000 x 1,000 UTM population raster read and clipped to Chaoyang.
/// Run: swift run -c release --package-path Benchmarks RecommendBench
let benchRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let root = benchRoot.deletingLastPathComponent()
let geodata = root.appendingPathComponent("geodata")

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let map = try DistrictMap(geoJSON: try Data(contentsOf: geodata.appendingPathComponent("districts.geojson")))
guard let chaoyang = map.shape(adcode: "110105") else { fatalError("no Chaoyang in districts.geojson") }
let stations = try BenchLedger.stations(geodata.appendingPathComponent("stations-sample.csv"))
let analyzer = CoverageAnalyzer(districts: map.shapes, stations: stations)
print("stations: \(stations.count); Chaoyang bounds \(chaoyang.bounds)")

// 1. Seeded points and candidates inside Chaoyang, every active public station kept (hours ignored).
var rng = SplitMix64(seed: 16)
let demandPoints = BenchLedger.pointsInside(chaoyang, count: 5_000, rng: &rng)
let weights = (0..<5_000).map { _ in (rng.nextUnit() * 200).rounded() + 1 }
let layer = DemandLayer(points: zip(demandPoints, weights).map { DemandLayer.WeightedPoint(location: $0, weight: $1) })
let candidates = BenchLedger.pointsInside(chaoyang, count: 500, rng: &rng).enumerated().map {
    CandidateSite(location: $1, id: "c\($0)", origin: "candidate \($0 + 1)")
}
var first = layer
first.sourceName = "seeded 5000 points"
let firstOptions = RecommendOptions(coverage: CoverageOptions(radiusMetres: 500), count: 10, candidates: candidates, demand: first)
var answer = try analyzer.recommend(in: chaoyang, options: firstOptions)
var times: [Double] = []
for _ in 0..<5 { times.append(try seconds { answer = try analyzer.recommend(in: chaoyang, options: firstOptions) }) }
print(String(format: "1. 5000 points, 500 candidates, K=10, 500 m: median %.3f s, best %.3f s (5 runs; target < 1 s)", median(times), times.min()!))
print(String(format: "   covered before %.0f, after %.0f of %.0f; upper bound %.3f; gap %.4f %%; swaps %d", answer.coveredBefore,
             answer.coveredAfter, answer.demandTotal, answer.upperBound, answer.gapPct, answer.swaps))
let instance = try analyzer.recommendationInstance(in: chaoyang, options: firstOptions)
let instanceURL = benchRoot.appendingPathComponent(".build/recommend-instance.json")
try BenchLedger.writeInstance(instance.problem, count: 10, coveredAfter: answer.coveredAfter,
                              upperBound: answer.upperBound, seconds: median(times), to: instanceURL)
print("   instance written to \(instanceURL.path) for scripts/bench_recommend_pulp.py")
// The same points and candidates with two stations required (cross-coverage).
var twiceOptions = firstOptions
twiceOptions.minStations = 2
times = []
for _ in 0..<5 { times.append(try seconds { answer = try analyzer.recommend(in: chaoyang, options: twiceOptions) }) }
print(String(format: "1b. the same with --min-stations 2: median %.3f s; reached twice %.0f -> %.0f; bound %.3f; gap %.4f %%; swaps %d",
             median(times), answer.coveredBefore, answer.coveredAfter, answer.upperBound, answer.gapPct, answer.swaps))
let twiceURL = benchRoot.appendingPathComponent(".build/recommend-instance-twice.json")
try BenchLedger.writeInstance(try analyzer.recommendationInstance(in: chaoyang, options: twiceOptions).problem, count: 10,
                              coveredAfter: answer.coveredAfter, upperBound: answer.upperBound, seconds: median(times), to: twiceURL)

// 2. All of Chaoyang at 23:00 on a Monday, demand spread evenly, candidates from gap cells.
let night = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-11-23T23:00")!)
let secondOptions = RecommendOptions(coverage: CoverageOptions(radiusMetres: 500, time: .at(epochSeconds: night)), count: 20)
times = []
for _ in 0..<3 { times.append(try seconds { answer = try analyzer.recommend(in: chaoyang, options: secondOptions) }) }
print(String(format: "2. Chaoyang, uniform demand, gap cells at 250 m, K=20: median %.3f s, best %.3f s (3 runs; target < 5 s)",
             median(times), times.min()!))
let building = try seconds { _ = try analyzer.recommendationInstance(in: chaoyang, options: secondOptions) }
print(String(format: "   of which building the instance (grid cells, candidates, reach lists): %.3f s", building))
print(String(format: "   %d candidates, %d demand points; covered %.2f -> %.2f of %.2f km2; bound %.2f; gap %.3f %%; bound optimal: %@",
             answer.candidatesConsidered, answer.demandPoints, answer.coveredBefore, answer.coveredAfter, answer.demandTotal,
             answer.upperBound, answer.gapPct, answer.boundOptimal ? "yes" : "no"))

// 3. A 1,000 x 1,000 population raster in UTM zone 50N (30 m cells) over Chaoyang.
let rasterPath = try BenchRaster.make(in: benchRoot.appendingPathComponent(".build"), side: 1_000, cellMetres: 30)
let box = (chaoyang.bounds.min, chaoyang.bounds.max)
times = []
var loaded = DemandLayer()
for _ in 0..<5 { times.append(try seconds { loaded = try DemandLayer.load(path: rasterPath, within: box) }) }
print(String(format: "3. 1000 x 1000 raster, read with GDAL, windowed to Chaoyang's box and reprojected: median %.3f s (%d cells kept)",
             median(times), loaded.points.count))
var clipped = (points: 0, total: 0.0)
times = []
for _ in 0..<5 {
    times.append(try seconds {
        let layer = try DemandLayer.load(path: rasterPath, within: box)
        clipped = try analyzer.with(demand: layer).demandInside(chaoyang)
    })
}
print(String(format: "   read + clipped to Chaoyang's outline: median %.3f s (target < 1 s); %d cells, %.0f people inside",
             median(times), clipped.points, clipped.total))
