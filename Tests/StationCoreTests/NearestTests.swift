import Foundation
import Testing
@testable import StationCore

/// Epoch seconds of a Beijing wall-clock time written "YYYY-MM-DDTHH:MM".
private func beijing(_ iso: String) -> Int64 {
    HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: iso)!)
}

private func station(
    _ id: String, lon: Double, lat: Double, hours: String = "24/7", grade: Grade = .A, org: String? = nil,
    amenities: [Amenity] = [], status: StationStatus = .active
) -> Station {
    Station(
        id: id, name: "Station \(id)", lon: lon, lat: lat, district: "110101", grade: grade, organization: org,
        openingHours: hours, amenities: AmenitySet(amenities), status: status)
}

@Suite("Nearest open station")
struct NearestTests {
    static let tiananmen = LonLat(lon: 116.3975, lat: 39.9087)

    @Test("walking 852.94 m takes 14.78 min (x1.3 at 4.5 km/h); arrival 888 s later")
    func travelTime() throws {
        let catalog = StationCatalog(stations: [station("east", lon: 116.4075, lat: 39.9087)])
        let at = beijing("2026-03-10T12:00")
        let answer = try catalog.nearest(NearestQuery(point: Self.tiananmen, atEpochSeconds: at))
        let r = try #require(answer.results.first)
        #expect(abs(r.distanceMetres - 852.94) < 0.01)
        // 852.94 m * 1.3 / (4.5 / 3.6 m/s) = 887.06 s
        #expect(abs(r.travelMinutes - 887.06 / 60) < 0.001)
        #expect(r.arrivalEpochSeconds == at + 888)
        #expect(abs(r.bearingDegrees - 90) < 0.01)  // due east (great circle starts at 89.997 deg)
        #expect(r.stateOnArrival == .open)
        #expect(r.nextChangeEpochSeconds == nil)
    }

    @Test("arrival 21:54:48 at a station closing 22:00: fails 10 min, passes 5 min and 'now'")
    func arrivalWindow() throws {
        let catalog = StationCatalog(stations: [station("east", lon: 116.4075, lat: 39.9087, hours: "Mo-Su 06:00-22:00")])
        let at = beijing("2026-03-10T21:40")
        var q = NearestQuery(point: Self.tiananmen, atEpochSeconds: at)
        let strict = try catalog.nearest(q)
        #expect(strict.results.isEmpty)
        // Nothing qualifies, so the answer names the station and when it qualifies: 06:00 next day.
        let alt = try #require(strict.alternatives.first)
        #expect(alt.station.id == "east")
        #expect(alt.opensAtEpochSeconds == beijing("2026-03-11T06:00"))
        #expect(strict.message.contains("2026-03-11T06:00"))
        q.minOpenMinutes = 5
        let relaxed = try catalog.nearest(q)
        #expect(relaxed.results.map(\.id) == ["east"])
        #expect(relaxed.results[0].nextChangeEpochSeconds == beijing("2026-03-10T22:00"))
        q.minOpenMinutes = 10
        q.openPolicy = .now
        let now = try catalog.nearest(q)
        #expect(now.results.map(\.id) == ["east"])
        // With .now, a station open at 21:40 but closed on arrival still reports its state on arrival.
        q.atEpochSeconds = beijing("2026-03-10T21:59")
        let late = try catalog.nearest(q)
        #expect(late.results.map(\.id) == ["east"])
        #expect(late.results[0].stateOnArrival == .closed)
        #expect(late.results[0].nextChangeEpochSeconds == beijing("2026-03-11T06:00"))
    }

    @Test("a C station is offered only to members of its organization")
    func access() throws {
        let catalog = StationCatalog(stations: [
            station("c1", lon: 116.3985, lat: 39.9087, grade: .C, org: "Beijing Bus"),
            station("b1", lon: 116.4075, lat: 39.9087, grade: .B),
        ])
        let q = NearestQuery(point: Self.tiananmen, atEpochSeconds: beijing("2026-03-10T12:00"))
        #expect(try catalog.nearest(q).results.map(\.id) == ["b1"])
        var member = q
        member.memberOrganization = "Beijing Bus"
        #expect(try catalog.nearest(member).results.map(\.id) == ["c1", "b1"])
        member.memberOrganization = "Beijing Sanitation"
        #expect(try catalog.nearest(member).results.map(\.id) == ["b1"])
        member.grades = [.C]
        member.memberOrganization = "Beijing Bus"
        #expect(try catalog.nearest(member).results.map(\.id) == ["c1"])
    }

    @Test("inactive stations are not indexed; unparsable hours read as unknown, never open")
    func inactiveAndUnknown() throws {
        let catalog = StationCatalog(stations: [
            station("closed", lon: 116.3976, lat: 39.9087, status: .closed),
            station("bad", lon: 116.3977, lat: 39.9087, hours: "Mo-Fr 25:00-26:00"),
            station("ok", lon: 116.4075, lat: 39.9087),
        ])
        #expect(catalog.indexedCount == 2)
        #expect(catalog.hoursErrors["Mo-Fr 25:00-26:00"] != nil)
        #expect(catalog.compiledHours(forStationAt: 1).state(atEpochSeconds: beijing("2026-03-10T12:00")) == .unknown)
        let answer = try catalog.nearest(NearestQuery(point: Self.tiananmen, atEpochSeconds: beijing("2026-03-10T12:00")))
        #expect(answer.results.map(\.id) == ["ok"])
    }

    @Test("a station across the antimeridian is found (2,223.9 m away)")
    func antimeridian() throws {
        let catalog = StationCatalog(stations: [
            station("west", lon: -179.99, lat: 0), station("far", lon: 179.9, lat: 0),
        ])
        let answer = try catalog.nearest(NearestQuery(point: LonLat(lon: 179.99, lat: 0), atEpochSeconds: 0, limit: 1))
        #expect(answer.results.map(\.id) == ["west"])
        #expect(abs(answer.results[0].distanceMetres - 2223.90) < 0.01)
    }

    @Test("a GCJ-02 query point is converted to WGS-84 and results carry GCJ-02 positions too")
    func callerCRS() throws {
        let s = station("east", lon: 116.4075, lat: 39.9087)
        let catalog = StationCatalog(stations: [s])
        let gcj = CoordinateSystem.gcj02.fromWGS84(Self.tiananmen)
        let answer = try catalog.nearest(NearestQuery(point: gcj, crs: .gcj02, atEpochSeconds: 0))
        let r = try #require(answer.results.first)
        #expect(abs(answer.pointWGS84.lon - Self.tiananmen.lon) < 1e-7)
        #expect(abs(r.distanceMetres - 852.94) < 0.05)
        #expect(r.locationInCallerCRS == CoordinateSystem.gcj02.fromWGS84(s.location))
    }

    @Test("bad queries are refused with a reason", arguments: [
        NearestQuery(point: LonLat(lon: .nan, lat: 39.9), atEpochSeconds: 0),
        NearestQuery(point: LonLat(lon: 116.4, lat: 91), atEpochSeconds: 0),
        NearestQuery(point: LonLat(lon: 181, lat: 39.9), atEpochSeconds: 0),
        NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: 0, limit: 0),
        NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: 0, limit: 101),
        NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: 0, maxDistanceMetres: 0),
        NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: 0, maxDistanceMetres: -3),
        NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: 0, maxDistanceMetres: .nan),
        NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: 0, minOpenMinutes: -1),
        NearestQuery(point: LonLat(lon: 2.35, lat: 48.85), crs: .gcj02, atEpochSeconds: 0),
        NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: 0, memberOrganization: " "),
        NearestQuery(point: LonLat(lon: 116.4, lat: 39.9), atEpochSeconds: -1),
    ])
    func refused(_ q: NearestQuery) {
        let catalog = StationCatalog(stations: [station("a", lon: 116.4, lat: 39.9)])
        #expect(throws: NearestQueryError.self) { try catalog.nearest(q) }
    }
}
