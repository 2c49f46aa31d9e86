import Foundation
import StationCore
import StationWire
import Testing

@Suite("Nearest JSON")
struct NearestJSONTests {
    static let tiananmen = LonLat(lon: 116.3975, lat: 39.9087)

    static func at(_ iso: String) -> Int64 { HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: iso)!) }

    static func catalog(hours: String) -> StationCatalog {
        StationCatalog(stations: [
            Station(
                id: "east", name: "East", lon: 116.4075, lat: 39.9087, district: "110101", grade: .A,
                openingHours: hours, amenities: AmenitySet([.toilet]))
        ])
    }

    @Test("JSON has query, results with snake_case fields and local times, alternatives, message")
    func json() throws {
        let answer = try Self.catalog(hours: "Mo-Su 06:00-22:00").nearest(
            NearestQuery(point: Self.tiananmen, atEpochSeconds: Self.at("2026-03-10T12:00")))
        let text = answer.jsonText()
        // The hand-written JSON must parse as JSON.
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect((parsed?["results"] as? [[String: Any]])?.first?["id"] as? String == "east")
        #expect(text.contains(#""distance_m":852.9"#))
        #expect(text.contains(#""arrival":"2026-03-10T12:14""#))
        #expect(text.contains(#""closes_at":"2026-03-10T22:00""#))
        #expect(text.contains(#""state_on_arrival":"open""#))
        #expect(text.contains(#""amenities":["toilet"]"#))
        #expect(text.contains(#""alternatives":[]"#))
        #expect(text.contains(#""message":"#))
    }

    @Test("next_change is the next change after arrival, opening or closing; closes_at repeats it (deprecated)")
    func nextChangeAndItsAlias() throws {
        // Open on arrival: the change is the closing at 22:00 (epoch of 2026-03-10T22:00 Beijing = 14:00 UTC).
        let open = try Self.catalog(hours: "Mo-Su 06:00-22:00").nearest(
            NearestQuery(point: Self.tiananmen, atEpochSeconds: Self.at("2026-03-10T12:00"))).jsonText()
        #expect(open.contains(
            #""next_change":"2026-03-10T22:00","next_change_epoch":1773151200,"closes_at":"2026-03-10T22:00","closes_at_epoch":1773151200"#))
        // Nothing open: the alternative's change is its opening at 06:00 next morning.
        let closed = try Self.catalog(hours: "Mo-Su 06:00-22:00").nearest(
            NearestQuery(point: Self.tiananmen, atEpochSeconds: Self.at("2026-03-10T23:00"))).jsonText()
        #expect(closed.contains(#""state_on_arrival":"closed","next_change":"2026-03-11T06:00""#))
        #expect(closed.contains(#""closes_at":"2026-03-11T06:00""#))
        // 24/7: no change, nulls under both names.
        let always = try Self.catalog(hours: "24/7").nearest(
            NearestQuery(point: Self.tiananmen, atEpochSeconds: Self.at("2026-03-10T12:00"))).jsonText()
        #expect(always.contains(#""next_change":null,"next_change_epoch":null,"closes_at":null,"closes_at_epoch":null"#))
    }
}
