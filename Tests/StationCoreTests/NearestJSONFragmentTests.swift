import Foundation
import Testing
@testable import StationCore

/// Answers written with the catalog's pre-rendered station fields against the same answers written
/// field by field.
@Suite("Nearest JSON from station fragments")
struct NearestJSONFragmentTests {
    @Test("byte for byte the same JSON, in WGS-84 and GCJ-02, with quotes and Chinese in names")
    func sameBytes() throws {
        var rng = SplitMix64(seed: 99)
        var stations = NearestPropertyTests.randomStations(count: 500, rng: &rng)
        stations[0].name = "示例 \"引号\" 驿站\\"
        stations[0].address = nil
        stations[1].address = "北京市西城区 1号"
        let catalog = StationCatalog(stations: stations)
        let at = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-03-10T12:00")!)
        var compared = 0
        for i in 0..<200 {
            let q = NearestQuery(
                point: i < 2 ? stations[i].location : LonLat(lon: 116.2 + 0.4 * rng.nextUnit(), lat: 39.8 + 0.2 * rng.nextUnit()),
                crs: i % 2 == 0 ? .wgs84 : .gcj02, atEpochSeconds: at, limit: 1 + i % 7)
            let answer = try catalog.nearest(q)
            var plain = answer
            plain.fragmentSource = nil
            // Twice with the cache: once rendering the fragments, once reusing them.
            #expect(answer.jsonText() == plain.jsonText())
            #expect(answer.jsonText() == plain.jsonText())
            compared += answer.results.count
        }
        #expect(compared > 500)
        #expect(catalog.jsonFragments.count > 50)
    }

    @Test("another catalog's fragments are never used for a result, even for the same station index")
    func otherCatalogsFragmentsIgnored() throws {
        var rng = SplitMix64(seed: 5)
        let stations = NearestPropertyTests.randomStations(count: 200, rng: &rng)
        var renamed = stations
        for i in renamed.indices { renamed[i].name = "其他 \(i)" }
        let catalog = StationCatalog(stations: stations)
        let other = StationCatalog(stations: renamed)
        let at = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-03-10T12:00")!)
        let answer = try catalog.nearest(NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: at))
        #expect(!answer.results.isEmpty)
        var plain = answer
        plain.fragmentSource = nil
        var crossed = answer
        crossed.fragmentSource = other.jsonFragments
        // The other catalog renders nothing for these results, and the names stay this catalog's.
        #expect(crossed.jsonText() == plain.jsonText())
        #expect(other.jsonFragments.count == 0)
        #expect(!crossed.jsonText().contains("其他"))
    }

    @Test("eight tasks rendering the same stations at once write the same bytes as one task alone")
    func concurrentRendering() async throws {
        var rng = SplitMix64(seed: 7)
        let stations = NearestPropertyTests.randomStations(count: 300, rng: &rng)
        let at = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-03-10T12:00")!)
        let queries = (0..<150).map { _ in
            NearestQuery(point: LonLat(lon: 116.2 + 0.4 * rng.nextUnit(), lat: 39.8 + 0.2 * rng.nextUnit()), atEpochSeconds: at)
        }
        let reference = StationCatalog(stations: stations)
        let expected = try queries.map { q in
            var a = try reference.nearest(q)
            a.fragmentSource = nil
            return a.jsonText()
        }
        let shared = StationCatalog(stations: stations)  // fresh: every fragment is rendered under contention
        let outputs = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { try queries.map { try shared.nearest($0).jsonText() } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.count == 8)
        for output in outputs { #expect(output == expected) }
        #expect(shared.jsonFragments.count > 50)
    }
}
