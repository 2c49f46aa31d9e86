import Foundation
import Testing
@testable import StationCore

/// The search decides many stations from their key alone (``ScheduleVerdicts``): "closed now and still
/// closed when you could get there", "open now and open for your whole stay". These tests put stations
/// within a second of travel either side of where that shortcut stops holding and compare with the
/// brute-force scan, which knows nothing of it.
@Suite("Nearest: hours decided from the key, at the boundary")
struct NearestVerdictBoundaryTests {
    static let origin = LonLat(lon: 116.3975, lat: 39.9087)

    /// Stations due east of the origin whose arrival by `mode` (x1.3 detour, rounded up to the second)
    /// falls from `travelSeconds - 3` to `travelSeconds + 3`, a tenth of a second apart.
    ///
    /// By car a second of travel is 5.3 m on the straight line, twice the margin the search keeps for
    /// single-precision storage (2.5 m), so an off-by-one-second mistake in the shortcut shows up here.
    static func stationsAround(travelSeconds: Int, hours: String, mode: TravelMode) -> [Station] {
        var out: [Station] = []
        let metresPerSecond = mode.speedMetresPerSecond / TravelMode.detourFactor
        let cosLat = cos(origin.lat * .pi / 180)
        for step in -30...30 {
            let metres = (Double(travelSeconds) + Double(step) / 10) * metresPerSecond
            let lon = origin.lon + metres / (Earth.meanRadiusMetres * cosLat) * 180 / .pi
            out.append(Station(
                id: String(format: "E%03d", step + 30), name: "east \(step)", lon: lon, lat: origin.lat,
                district: "110101", grade: .A, organization: nil, openingHours: hours, amenities: AmenitySet(),
                status: .active))
        }
        return out
    }

    static func check(
        hours: String, at local: String, plusSeconds: Int64 = 0, travelSeconds: Int, minOpenMinutes: Int,
        policy: OpenPolicy, mode: TravelMode = .car
    ) throws -> Int {
        let stations = stationsAround(travelSeconds: travelSeconds, hours: hours, mode: mode)
        let catalog = StationCatalog(stations: stations)
        let compiled = stations.map { s in (try? OpeningHours.parse(s.openingHours)).map { CompiledHours($0) } }
        let q = NearestQuery(
            point: origin, atEpochSeconds: HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: local)!) + plusSeconds,
            limit: 100, mode: mode, openPolicy: policy, minOpenMinutes: minOpenMinutes)
        let answer = try catalog.nearest(q)
        let want = NearestPropertyTests.bruteForce(stations, compiled: compiled, query: q)
        #expect(answer.results.map(\.id) == want.map(\.0), "\(hours) at \(local)")
        #expect(answer.results.map(\.distanceMetres) == want.map(\.1))
        // The state on arrival and the next change, as the schedule itself gives them.
        let h = compiled[0]!
        for r in answer.results {
            #expect(r.stateOnArrival == h.state(atEpochSeconds: r.arrivalEpochSeconds))
            #expect(r.closesAtEpochSeconds == h.nextChange(afterEpochSeconds: r.arrivalEpochSeconds))
        }
        return answer.results.count
    }

    @Test("closing at 18:00: asked at 17:40 with 10 min to stay, the cut falls at 600 s of travel")
    func closing() throws {
        // 17:40 + 600 s = 17:50, + 10 min = 18:00 exactly: stations up to 600 s qualify, none after.
        let n = try Self.check(hours: "Mo-Su 08:00-18:00", at: "2026-03-10T17:40", travelSeconds: 600, minOpenMinutes: 10, policy: .arrival)
        #expect(n == 31)  // steps -30...0: arrival at most 600 s after (rounded up)
        #expect(try Self.check(
            hours: "Mo-Su 08:00-18:00", at: "2026-03-10T17:40", travelSeconds: 600, minOpenMinutes: 10, policy: .arrival,
            mode: .walk) == 31)
        // With no minimum stay the cut moves to 1200 s (arrive before 18:00).
        let m = try Self.check(hours: "Mo-Su 08:00-18:00", at: "2026-03-10T17:40", travelSeconds: 1200, minOpenMinutes: 0, policy: .arrival)
        // Travel 1199.0 s and more rounds up to 1200 s, an arrival at 18:00:00, closed: steps -30...-10 qualify.
        #expect(m == 21)
    }

    @Test("opening at 08:00: asked at 07:40, stations reached in 1200 s or more are open on arrival")
    func opening() throws {
        // Travel above 1199.0 s rounds up to 1200 s or more, an arrival at 08:00:00 or later: steps -9...30.
        let n = try Self.check(hours: "Mo-Su 08:00-18:00", at: "2026-03-10T07:40", travelSeconds: 1200, minOpenMinutes: 10, policy: .arrival)
        #expect(n == 40)
        // Asked "open now", nothing is.
        let m = try Self.check(hours: "Mo-Su 08:00-18:00", at: "2026-03-10T07:40", travelSeconds: 1200, minOpenMinutes: 10, policy: .now)
        #expect(m == 0)
    }

    @Test("a query time in mid-minute, a schedule that never changes and one that is never open")
    func otherSchedules() throws {
        let n = try Self.check(hours: "Mo-Su 08:00-18:00", at: "2026-03-10T17:40", plusSeconds: 30, travelSeconds: 570, minOpenMinutes: 10, policy: .arrival)
        #expect(n == 31)
        #expect(try Self.check(hours: "24/7", at: "2026-03-10T03:00", travelSeconds: 600, minOpenMinutes: 45, policy: .arrival) == 61)
        #expect(try Self.check(hours: "off", at: "2026-03-10T12:00", travelSeconds: 600, minOpenMinutes: 0, policy: .arrival) == 0)
    }
}

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
