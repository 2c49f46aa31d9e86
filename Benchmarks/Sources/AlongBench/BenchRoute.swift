import Foundation
import StationCore

/// The benchmark's route: about 30 km from the west of the city through Tian'anmen to the east, 500
/// positions, wandering north and south of Chang'an Avenue by a few hundred metres (seeded), as a
/// rider's GPS track would. `scripts/bench_http_along.sh` sends the same route (`AlongBench polyline`).
enum BenchRoute {
    static let positions = 500

    static func route() -> [LonLat] {
        var rng = SplitMix64(seed: 30_500)
        let start = LonLat(lon: 116.222, lat: 39.905)
        let end = LonLat(lon: 116.573, lat: 39.910)
        return (0..<positions).map { i in
            let f = Double(i) / Double(positions - 1)
            let wiggle = 0.003 * sin(f * 9 * .pi) + 0.0004 * (rng.nextUnit() - 0.5)
            return LonLat(lon: start.lon + f * (end.lon - start.lon), lat: start.lat + f * (end.lat - start.lat) + wiggle)
        }
    }
}
