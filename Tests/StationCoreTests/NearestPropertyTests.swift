import Foundation
import Testing
@testable import StationCore

/// The catalog's answers against a brute-force scan that shares nothing with the index: every station
/// is checked with its own separately compiled schedule, then sorted by (haversine metres, id).
@Suite("Nearest vs brute force")
struct NearestPropertyTests {
    static let hoursMix = [
        "24/7", "Mo-Fr 09:00-17:00; PH off", "Mo-Su 06:00-22:00", "Mo-Sa 08:00-12:00,13:30-18:00",
        "Tu-Su 09:00-20:00", "Mo-Fr 07:00-19:00; Sa 09:00-13:00", "off", "22:00-06:00", "not hours at all",
    ]
    static let organizations = ["Beijing Bus", "Sanitation Group", "SF Express"]

    static func randomStations(count: Int, rng: inout SplitMix64) -> [Station] {
        var out: [Station] = []
        while out.count < count {
            let kind = rng.next() % 10
            var points: [LonLat] = []
            switch kind {
            case 0:  // a cluster within about 30 m
                let c = LonLat(lon: 116.3 + 0.2 * rng.nextUnit(), lat: 39.85 + 0.1 * rng.nextUnit())
                for _ in 0..<(2 + Int(rng.next() % 10)) {
                    points.append(LonLat(lon: c.lon + 0.0003 * rng.nextUnit(), lat: c.lat + 0.0003 * rng.nextUnit()))
                }
            case 1:  // duplicates at one point
                let p = LonLat(lon: 116.3 + 0.2 * rng.nextUnit(), lat: 39.85 + 0.1 * rng.nextUnit())
                points = Array(repeating: p, count: 2 + Int(rng.next() % 3))
            case 2:  // near the antimeridian
                points.append(LonLat(lon: (rng.next() % 2 == 0 ? 1 : -1) * (180 - 0.02 * rng.nextUnit()), lat: 0.02 * rng.nextUnit()))
            case 3:  // near the north pole
                points.append(LonLat(lon: -180 + 360 * rng.nextUnit(), lat: 90 - 0.02 * rng.nextUnit()))
            default:  // Beijing
                points.append(LonLat(lon: 115.4 + 2.1 * rng.nextUnit(), lat: 39.4 + 1.7 * rng.nextUnit()))
            }
            for p in points {
                let grade = Grade.allCases[Int(rng.next() % 3)]
                var amenities = AmenitySet()
                for a in Amenity.allCases where rng.next() % 2 == 0 { amenities.insert(a) }
                let status: StationStatus = rng.next() % 10 == 0 ? .suspended : .active
                out.append(Station(
                    id: "S" + String(rng.next() % 1_000_000, radix: 36), name: "station \(out.count)",
                    lon: p.lon, lat: p.lat, district: "110101", grade: grade,
                    organization: grade == .C ? organizations[Int(rng.next() % 3)] : nil,
                    openingHours: hoursMix[Int(rng.next() % UInt64(hoursMix.count))], amenities: amenities,
                    status: status))
            }
        }
        return Array(out.prefix(count))
    }

    /// Open at every instant of `[t, t + seconds)`, checked the slow way: the state at `t` and at every whole
    /// minute inside the window (schedules change only on whole minutes, Beijing's offset being whole hours).
    static func openThroughout(_ h: CompiledHours, _ t: Int64, _ seconds: Int64) -> Bool {
        guard h.state(atEpochSeconds: t) == .open else { return false }
        var b = (t / 60 + 1) * 60
        while b < t + seconds {
            if h.state(atEpochSeconds: b) != .open { return false }
            b += 60
        }
        return true
    }

    /// Every qualifying station sorted by (distance, id), first `limit`: filters and distance for all,
    /// then hours checked in that order until `limit` qualify.
    static func bruteForce(_ stations: [Station], compiled: [CompiledHours?], query q: NearestQuery) -> [(String, Double)] {
        let point = try! q.validated()
        var candidates: [(String, Double, Int)] = []
        for (i, s) in stations.enumerated() where s.status == .active {
            guard s.amenities.isSuperset(of: q.requiredAmenities),
                q.grades.isEmpty || q.grades.contains(s.grade),
                s.admits(memberOrganization: q.memberOrganization)
            else { continue }
            let d = Reference.distanceMetres(point, s.location)
            if let m = q.maxDistanceMetres, d > m { continue }
            candidates.append((s.id, d, i))
        }
        candidates.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        var found: [(String, Double)] = []
        for (id, d, i) in candidates {
            guard found.count < q.limit else { break }
            guard let h = compiled[i] else { continue }  // unparsable: unknown, never open
            switch q.openPolicy {
            case .now:
                guard h.state(atEpochSeconds: q.atEpochSeconds) == .open else { continue }
            case .arrival:
                let arrival = q.atEpochSeconds + Int64((d * 1.3 / q.mode.speedMetresPerSecond).rounded(.up))
                guard openThroughout(h, arrival, Int64(q.minOpenMinutes) * 60) else { continue }
            }
            found.append((id, d))
        }
        return found
    }

    @Test("identical results in identical order for every filter combination")
    func matchesBruteForce() throws {
        var rng = SplitMix64(seed: 4_2026)
        let stations = Self.randomStations(count: 2000, rng: &rng)
        let catalog = StationCatalog(stations: stations)
        // One schedule per station, compiled separately (the catalog shares one per expression).
        let compiled = stations.map { s in (try? OpeningHours.parse(s.openingHours)).map { CompiledHours($0) } }
        let start = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-01-26T00:00")!)
        var nonEmpty = 0
        var checked = 0
        // Every combination of: amenity filter (none / one / two), grades (all / A / B+C / C),
        // member (none / a real one / an unknown one), policy, mode, max distance (none / 2 km).
        let amenityChoices: [[Amenity]] = [[], [.toilet], [.hot_water, .ebike_charging]]
        let gradeChoices: [Set<Grade>] = [[], [.A], [.B, .C], [.C]]
        let memberChoices: [String?] = [nil, "Beijing Bus", "Nobody Ltd"]
        for amenities in amenityChoices {
            for grades in gradeChoices {
                for member in memberChoices {
                    for policy in OpenPolicy.allCases {
                        for mode in TravelMode.allCases {
                            for maxD in [nil, 2000.0] as [Double?] {
                                for _ in 0..<2 {
                                    let point: LonLat
                                    switch rng.next() % 8 {
                                    case 0: point = LonLat(lon: rng.next() % 2 == 0 ? 179.995 : -179.995, lat: 0.01)
                                    case 1: point = LonLat(lon: -180 + 360 * rng.nextUnit(), lat: 89.995)
                                    case 2: point = stations[Int(rng.next() % UInt64(stations.count))].location
                                    default: point = LonLat(lon: 116.2 + 0.4 * rng.nextUnit(), lat: 39.8 + 0.2 * rng.nextUnit())
                                    }
                                    let q = NearestQuery(
                                        point: point,
                                        atEpochSeconds: start + Int64(rng.next() % (10 * 86_400)),
                                        limit: 1 + Int(rng.next() % 10), maxDistanceMetres: maxD,
                                        requiredAmenities: AmenitySet(amenities), grades: grades,
                                        memberOrganization: member, mode: mode, openPolicy: policy,
                                        minOpenMinutes: [0, 10, 45][Int(rng.next() % 3)])
                                    let got = try catalog.nearest(q).results.map { ($0.id, $0.distanceMetres) }
                                    let want = Self.bruteForce(stations, compiled: compiled, query: q)
                                    #expect(got.map(\.0) == want.map(\.0), "\(q)")
                                    #expect(got.map(\.1) == want.map(\.1))
                                    if !got.isEmpty { nonEmpty += 1 }
                                    checked += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(checked == 3 * 4 * 3 * 2 * 3 * 2 * 2)
        #expect(nonEmpty > checked / 2)  // the comparison is not vacuous
    }

    @Test("alternatives: matching-but-closed stations sorted by opening time, then distance, then id")
    func alternativesMatchBruteForce() throws {
        var rng = SplitMix64(seed: 77)
        let stations = Self.randomStations(count: 2000, rng: &rng)
        let catalog = StationCatalog(stations: stations)
        // Sunday 2026-03-08 23:30: only 24/7 and night stations are open, so require something rare too.
        let at = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-03-08T23:30")!)
        var withAlternatives = 0
        for _ in 0..<80 {
            let q = NearestQuery(
                point: stations[Int(rng.next() % UInt64(stations.count))].location,
                atEpochSeconds: at, limit: 3, maxDistanceMetres: 1500,
                requiredAmenities: AmenitySet([.toilet]), openPolicy: .arrival)
            let answer = try catalog.nearest(q)
            #expect(!answer.message.isEmpty)
            guard answer.results.isEmpty else { #expect(answer.alternatives.isEmpty); continue }
            // Brute force: the 20 nearest hours-ignoring matches, then first qualifying arrival by minutes.
            let pool = Self.bruteForceIgnoringHours(stations, query: q, limit: StationCatalog.alternativesPoolSize(limit: 3))
            var expected: [(Int64, Double, String)] = []
            for (id, d) in pool {
                let s = stations.first { $0.id == id }!
                guard let parsed = try? OpeningHours.parse(s.openingHours) else { continue }
                let h = CompiledHours(parsed)
                let arrival = at + Int64((d * 1.3 / 1.25).rounded(.up))
                // Scan minute by minute from arrival (second-exact first step), up to 14 days.
                var t = arrival
                var opens: Int64?
                while t <= arrival + 14 * 86_400 {
                    if Self.openThroughout(h, t, 600) {
                        opens = t
                        break
                    }
                    t = t % 60 == 0 ? t + 60 : (t / 60 + 1) * 60
                }
                if let o = opens { expected.append((o, d, id)) }
            }
            expected.sort { $0 < $1 }
            let got = answer.alternatives.map { ($0.opensAtEpochSeconds, $0.station.distanceMetres, $0.station.id) }
            #expect(got.map(\.2) == expected.prefix(3).map(\.2))
            #expect(got.map(\.0) == expected.prefix(3).map(\.0))
            if !got.isEmpty { withAlternatives += 1 }
            #expect(answer.message.hasPrefix(got.isEmpty ? "No " : "No matching station within 1500 m"), "\(answer.message)")
        }
        #expect(withAlternatives >= 10)  // 10 of 80 with this seed
    }

    static func bruteForceIgnoringHours(_ stations: [Station], query q: NearestQuery, limit: Int) -> [(String, Double)] {
        let point = try! q.validated()
        var found: [(String, Double)] = []
        for s in stations where s.status == .active
            && s.amenities.isSuperset(of: q.requiredAmenities)
            && (q.grades.isEmpty || q.grades.contains(s.grade)) && s.admits(memberOrganization: q.memberOrganization)
        {
            let d = Reference.distanceMetres(point, s.location)
            if let m = q.maxDistanceMetres, d > m { continue }
            found.append((s.id, d))
        }
        found.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        return Array(found.prefix(limit))
    }
}
