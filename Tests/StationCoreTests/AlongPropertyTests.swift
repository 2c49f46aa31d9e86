import Foundation
import Testing
@testable import StationCore

/// Stations along a route against a brute-force scan of every station, with the point-to-route distance
/// worked out independently: each segment is projected gnomonically about the station (great circles
/// become straight lines, and the distance from the centre grows with the great-circle distance), the
/// nearest point of the straight segment found in the plane, and its along-route distance measured by
/// haversine from the segment's start.
@Suite("Along vs brute force")
struct AlongPropertyTests {
    /// Gnomonic projection about `centre` (radians of the tangent plane); nil beyond 90 degrees.
    static func gnomonic(_ p: LonLat, about centre: LonLat) -> (x: Double, y: Double)? {
        let r = Double.pi / 180
        let (phi0, lam0, phi, lam) = (centre.lat * r, centre.lon * r, p.lat * r, p.lon * r)
        let cosC = sin(phi0) * sin(phi) + cos(phi0) * cos(phi) * cos(lam - lam0)
        guard cosC > 1e-9 else { return nil }
        return (cos(phi) * sin(lam - lam0) / cosC, (cos(phi0) * sin(phi) - sin(phi0) * cos(phi) * cos(lam - lam0)) / cosC)
    }

    /// The inverse of ``gnomonic(_:about:)``.
    static func inverseGnomonic(_ x: Double, _ y: Double, about centre: LonLat) -> LonLat {
        let r = Double.pi / 180
        let (phi0, lam0) = (centre.lat * r, centre.lon * r)
        let rho = (x * x + y * y).squareRoot()
        guard rho > 0 else { return centre }
        let c = atan(rho)
        let phi = asin(cos(c) * sin(phi0) + y * sin(c) * cos(phi0) / rho)
        let lam = lam0 + atan2(x * sin(c), rho * cos(phi0) * cos(c) - y * sin(phi0) * sin(c))
        return LonLat(lon: lam / r, lat: phi / r)
    }

    /// (offset metres, along metres) of `s` from the route: the least offset over all segments, and the
    /// first point along the route within 1 mm of it (the documented tie rule).
    static func bruteOffsetAlong(_ s: LonLat, route: [LonLat]) -> (Double, Double) {
        var points: [(offset: Double, along: Double)] = []
        var start = 0.0
        for i in 1..<route.count {
            let (a, b) = (route[i - 1], route[i])
            let length = Reference.distanceMetres(a, b)
            defer { start += length }
            guard let pa = gnomonic(a, about: s), let pb = gnomonic(b, about: s) else { continue }
            let (dx, dy) = (pb.x - pa.x, pb.y - pa.y)
            let len2 = dx * dx + dy * dy
            let t = len2 == 0 ? 0 : min(1, max(0, -(pa.x * dx + pa.y * dy) / len2))
            let (qx, qy) = (pa.x + t * dx, pa.y + t * dy)
            let offset = atan((qx * qx + qy * qy).squareRoot()) * Reference.radiusMetres
            // At a vertex, the vertex's own along-route distance (no rounding noise to order stations by).
            let along = t == 0 ? start : t == 1 ? start + length : start + Reference.distanceMetres(a, inverseGnomonic(qx, qy, about: s))
            points.append((offset, along))
        }
        guard let least = points.map(\.offset).min() else { return (.infinity, 0) }
        let first = points.first { $0.offset <= least + 0.001 }!
        return (first.offset, first.along)
    }

    struct Expected {
        var id: String
        var offset: Double
        var along: Double
    }

    /// Every qualifying station by (along, offset, id): filters, offset and hours for all (hours from a
    /// separately compiled schedule per station, checked minute by minute).
    static func bruteForce(
        _ stations: [Station], compiled: [CompiledHours?], query q: AlongQuery
    ) -> (results: [Expected], nearMisses: Int) {
        var found: [Expected] = []
        var nearMisses = 0
        // Stations well outside the route's box (by more than the half detour, as degrees at 40 N, plus a
        // kilometre) cannot be within reach: skipped to keep the 10,000-position case quick.
        let margin = q.maxDetourMetres / 2 / 85_000 + 0.01
        let lons = q.route.map(\.lon)
        let lats = q.route.map(\.lat)
        let box = (lons.min()! - margin, lons.max()! + margin, lats.min()! - margin, lats.max()! + margin)
        for (i, s) in stations.enumerated() where s.status == .active {
            guard s.lon >= box.0, s.lon <= box.1, s.lat >= box.2, s.lat <= box.3 else { continue }
            guard s.amenities.isSuperset(of: q.requiredAmenities), q.grades.isEmpty || q.grades.contains(s.grade),
                s.admits(memberOrganization: q.memberOrganization)
            else { continue }
            let (offset, along) = bruteOffsetAlong(s.location, route: q.route)
            // Within a millimetre of the edge either answer is right: counted, not compared.
            if abs(offset - q.maxDetourMetres / 2) < 0.001 { nearMisses += 1 }
            guard offset <= q.maxDetourMetres / 2, let h = compiled[i] else { continue }
            let travel = (along + 1.3 * offset) / q.mode.speedMetresPerSecond
            let arrival = q.atEpochSeconds + Int64(travel.rounded(.up))
            switch q.openPolicy {
            case .now:
                guard h.state(atEpochSeconds: q.atEpochSeconds) == .open else { continue }
            case .arrival:
                guard NearestPropertyTests.openThroughout(h, arrival, Int64(q.minOpenMinutes) * 60) else { continue }
            }
            found.append(Expected(id: s.id, offset: offset, along: along))
        }
        found.sort { ($0.along, $0.offset, $0.id) < ($1.along, $1.offset, $1.id) }
        return (Array(found.prefix(q.limit)), nearMisses)
    }

    /// Compares the catalog with brute force; returns how many results there were.
    @discardableResult
    static func check(_ catalog: StationCatalog, _ stations: [Station], _ compiled: [CompiledHours?], _ q: AlongQuery) throws -> Int {
        let got = try catalog.along(q).results
        let (want, nearMisses) = bruteForce(stations, compiled: compiled, query: q)
        guard nearMisses == 0 else { return got.count }
        #expect(got.map(\.id) == want.map(\.id), "route of \(q.route.count) positions")
        let wanted = Dictionary(want.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for g in got {
            guard let w = wanted[g.id] else { continue }
            #expect(abs(g.offsetMetres - w.offset) < 0.001, "\(g.id): offset \(g.offsetMetres) vs \(w.offset)")
            #expect(abs(g.alongMetres - w.along) < 0.001, "\(g.id): along \(g.alongMetres) vs \(w.along)")
            #expect(g.detourMetres == 2 * g.offsetMetres)
        }
        return got.count
    }

    static let stations: [Station] = {
        var rng = SplitMix64(seed: 17_2026)
        // Dense enough in central Beijing that a 500 m corridor holds dozens of stations.
        return NearestPropertyTests.randomStations(count: 3000, rng: &rng).map { s in
            var s = s
            if s.lon > 115, s.lat > 39 {
                s.lon = 116.30 + (s.lon - 115.4) / 2.1 * 0.2
                s.lat = 39.85 + (s.lat - 39.4) / 1.7 * 0.12
            }
            return s
        }
    }()
    static let catalog = StationCatalog(stations: stations)
    static let compiled = stations.map { s in (try? OpeningHours.parse(s.openingHours)).map { CompiledHours($0) } }
    static let monday = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-01-26T08:00")!)

    /// A wandering route of `count` positions from `start`, steps of about `stepMetres` in a drifting direction.
    static func randomRoute(count: Int, from start: LonLat, stepMetres: Double, rng: inout SplitMix64) -> [LonLat] {
        var route = [start]
        var heading = 2 * Double.pi * rng.nextUnit()
        while route.count < count {
            heading += (rng.nextUnit() - 0.5) * 0.8
            let last = route[route.count - 1]
            let step = stepMetres * (0.2 + 1.6 * rng.nextUnit())
            route.append(LonLat(
                lon: last.lon + step * sin(heading) / (111_320 * cos(last.lat * .pi / 180)),
                lat: last.lat + step * cos(heading) / 110_574))
        }
        return route
    }

    @Test("seeded routes, every filter and policy: the same stations in the same order as brute force")
    func randomRoutes() throws {
        var rng = SplitMix64(seed: 99)
        var nonEmpty = 0
        var checked = 0
        let amenityChoices: [[Amenity]] = [[], [.toilet]]
        let gradeChoices: [Set<Grade>] = [[], [.A, .C]]
        let memberChoices: [String?] = [nil, "Beijing Bus"]
        for amenities in amenityChoices {
            for grades in gradeChoices {
                for member in memberChoices {
                    for policy in OpenPolicy.allCases {
                        let mode = TravelMode.allCases[Int(rng.next() % 3)]
                        let route = Self.randomRoute(
                            count: 2 + Int(rng.next() % 60),
                            from: LonLat(lon: 116.33 + 0.1 * rng.nextUnit(), lat: 39.87 + 0.06 * rng.nextUnit()),
                            stepMetres: 300, rng: &rng)
                        let q = AlongQuery(
                            route: route, atEpochSeconds: Self.monday + Int64(rng.next() % (5 * 86_400)),
                            limit: 1 + Int(rng.next() % 30), maxDetourMetres: [200.0, 500, 1500][Int(rng.next() % 3)],
                            requiredAmenities: AmenitySet(amenities), grades: grades, memberOrganization: member,
                            mode: mode, openPolicy: policy, minOpenMinutes: [0, 10, 45][Int(rng.next() % 3)])
                        if try Self.check(Self.catalog, Self.stations, Self.compiled, q) > 0 { nonEmpty += 1 }
                        checked += 1
                    }
                }
            }
        }
        #expect(nonEmpty > checked / 2)
    }

    @Test("a route that doubles back: each station is placed at its first pass")
    func doublingBack() throws {
        var rng = SplitMix64(seed: 5)
        let out = Self.randomRoute(count: 40, from: LonLat(lon: 116.38, lat: 39.9), stepMetres: 250, rng: &rng)
        let route = out + out.reversed().dropFirst()
        let q = AlongQuery(route: route, atEpochSeconds: Self.monday, limit: 100, maxDetourMetres: 1000, openPolicy: .now)
        #expect(try Self.check(Self.catalog, Self.stations, Self.compiled, q) > 10)
        // The return leg retraces the outward one, so nothing is reached first on the way back.
        let half = RoutePolyline(vertices: out).lengthMetres
        #expect(try Self.catalog.along(q).results.allSatisfy { $0.alongMetres <= half + 0.001 })
    }

    @Test("a route across a district border (Dongcheng into Chaoyang along Chang'an Avenue)")
    func acrossDistrictBorder() throws {
        // Jianguomen (the 110101/110105 border lies near lon 116.435) from the west to the east.
        let route = (0...30).map { LonLat(lon: 116.40 + Double($0) * 0.002, lat: 39.9075 + Double($0 % 3) * 0.0002) }
        for policy in OpenPolicy.allCases {
            let q = AlongQuery(route: route, atEpochSeconds: Self.monday + 3_600, limit: 100, maxDetourMetres: 2000, openPolicy: policy)
            #expect(try Self.check(Self.catalog, Self.stations, Self.compiled, q) > 3)
        }
    }

    @Test("a route of one segment")
    func oneSegment() throws {
        let route = [LonLat(lon: 116.35, lat: 39.90), LonLat(lon: 116.45, lat: 39.93)]
        let q = AlongQuery(route: route, atEpochSeconds: Self.monday, limit: 100, maxDetourMetres: 1200, openPolicy: .now)
        #expect(try Self.check(Self.catalog, Self.stations, Self.compiled, q) > 5)
    }

    @Test("a route of 10,000 positions")
    func tenThousandVertices() throws {
        var rng = SplitMix64(seed: 10_000)
        let route = Self.randomRoute(count: 10_000, from: LonLat(lon: 116.35, lat: 39.88), stepMetres: 12, rng: &rng)
        let q = AlongQuery(route: route, atEpochSeconds: Self.monday, limit: 100, maxDetourMetres: 800, openPolicy: .now)
        #expect(try Self.check(Self.catalog, Self.stations, Self.compiled, q) > 0)
    }

    @Test("the index finds the corridor's stations without a scan: same set as measuring every station")
    func corridorIsComplete() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<20 {
            let route = Self.randomRoute(count: 2 + Int(rng.next() % 200), from: LonLat(lon: 116.36, lat: 39.89), stepMetres: 80, rng: &rng)
            let polyline = RoutePolyline(vertices: route)
            let halfWidth = 50 + 700 * rng.nextUnit()
            let hits = Self.catalog.index.withinCorridor(of: polyline, halfWidthMetres: halfWidth, admission: .everything)
            let fromIndex = Set(hits.map(\.source))
            var scanned = Set<Int>()
            for (i, s) in Self.stations.enumerated() where s.status == .active && polyline.nearest(to: s.location).offsetMetres <= halfWidth {
                scanned.insert(i)
            }
            #expect(fromIndex == scanned)
        }
    }
}
