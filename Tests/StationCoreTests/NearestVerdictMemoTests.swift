import Foundation
import Testing
@testable import StationCore

/// Queries about the present share their schedule verdicts (``VerdictMemo``); the answers must be the
/// brute-force answers whether a query works its verdicts out or starts from another query's.
@Suite("Nearest: verdicts shared between queries about now")
struct NearestVerdictMemoTests {
    @Test("many queries at the current minute, mixed policies and modes, all equal to brute force")
    func sharedVerdicts() throws {
        var rng = SplitMix64(seed: 321)
        let stations = NearestPropertyTests.randomStations(count: 1500, rng: &rng)
        let catalog = StationCatalog(stations: stations)
        let compiled = stations.map { s in (try? OpeningHours.parse(s.openingHours)).map { CompiledHours($0) } }
        let now = Int64(Date().timeIntervalSince1970) / 60 * 60
        var nonEmpty = 0
        for i in 0..<120 {
            let q = NearestQuery(
                point: LonLat(lon: 116.2 + 0.4 * rng.nextUnit(), lat: 39.8 + 0.2 * rng.nextUnit()),
                atEpochSeconds: now, limit: 1 + i % 6,
                mode: i % 3 == 0 ? .car : .walk, openPolicy: i % 5 == 0 ? .now : .arrival,
                minOpenMinutes: i % 2 == 0 ? 10 : 45)
            let got = try catalog.nearest(q).results
            let want = NearestPropertyTests.bruteForce(stations, compiled: compiled, query: q)
            #expect(got.map(\.id) == want.map(\.0))
            #expect(got.map(\.distanceMetres) == want.map(\.1))
            if !got.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 60)
    }
}
