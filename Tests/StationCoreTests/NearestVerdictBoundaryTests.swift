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
            #expect(r.nextChangeEpochSeconds == h.nextChange(afterEpochSeconds: r.arrivalEpochSeconds))
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
