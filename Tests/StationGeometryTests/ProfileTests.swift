import StationCore
import Testing
@testable import StationGeometry

@Suite("Week profile")
struct ProfileTests {
    let centre = LonLat(lon: 116.4, lat: 39.9)

    @Test func weekStartsOnMondayInBeijing() throws {
        // 2025-10-01 12:00 Beijing (a Wednesday, National Day) -> Monday 2025-09-29 00:00 Beijing.
        let wednesday = HoursTimeZone.shanghai.epochSeconds(try #require(LocalDateTime(iso: "2025-10-01T12:00")))
        let monday = LocalWeek.mondayStart(containing: wednesday)
        #expect(HoursTimeZone.shanghai.local(epochSeconds: monday).isoString == "2025-09-29T00:00")
        // A Monday 00:30 belongs to its own week; a Sunday 23:59 to the week before.
        let mondayEarly = HoursTimeZone.shanghai.epochSeconds(try #require(LocalDateTime(iso: "2025-09-29T00:30")))
        #expect(LocalWeek.mondayStart(containing: mondayEarly) == monday)
        let sundayLate = HoursTimeZone.shanghai.epochSeconds(try #require(LocalDateTime(iso: "2025-09-28T23:59")))
        #expect(LocalWeek.mondayStart(containing: sundayLate) == monday - 7 * 86_400)
    }

    @Test func hoursMatchSingleCoverageRunsAndSetsAreCached() throws {
        let district = SyntheticData.square(adcode: "940001", centre: centre, sideMetres: 6_000)
        let ledger = [
            Station(id: "day", name: "D", lon: centre.lon - 0.01, lat: centre.lat, district: "940001", grade: .A,
                    openingHours: "Mo-Fr 09:00-17:00; PH off"),
            Station(id: "all", name: "N", lon: centre.lon + 0.01, lat: centre.lat, district: "940001", grade: .B, openingHours: "24/7"),
        ]
        let analyzer = CoverageAnalyzer(districts: [district], stations: CoverageStation.fromLedger(ledger))
        let when = HoursTimeZone.shanghai.epochSeconds(try #require(LocalDateTime(iso: "2025-10-01T12:00")))
        let profile = try analyzer.weekProfile(of: district, weekContaining: when, options: CoverageOptions())
        #expect(profile.hours.count == 168)
        #expect(profile.weekStart == "2025-09-29")
        #expect(profile.hours[0].start == "2025-09-29T00:00" && profile.hours[167].start == "2025-10-05T23:00")
        // Two distinct sets: {all} and {all, day}.
        #expect(profile.distinctStationSets == 2)
        for hour in [0, 10, 16, 17, 24 + 9, 48 + 10] {  // Mon 00, Mon 10, Mon 16, Mon 17, Tue 09, Wed 10 (holiday)
            let t = LocalWeek.mondayStart(containing: when) + Int64(hour) * 3600
            let single = try analyzer.coverage(of: district, options: CoverageOptions(time: .at(epochSeconds: t)))
            #expect(abs(profile.hours[hour].coveragePct - single.coveragePct) < 1e-9)
            #expect(profile.hours[hour].stations == single.stations)
        }
        // Monday 10:00 has both stations, Wednesday 1 October (public holiday) only the 24/7 one.
        #expect(profile.hours[10].stations == 2 && profile.hours[48 + 10].stations == 1)
    }
}
