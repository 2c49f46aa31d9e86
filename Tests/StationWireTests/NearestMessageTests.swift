import Foundation
import Testing
@testable import StationCore
import StationWire

/// The one-sentence summary: exact wording in each case, and the JSON's `message` equal to
/// ``NearestAnswer/message`` (the JSON writes it piece by piece, escaped, without building the string).
@Suite("Nearest answer message")
struct NearestMessageTests {
    static let tiananmen = LonLat(lon: 116.3975, lat: 39.9087)
    static let noon = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-03-10T12:00")!)

    private func catalog(name: String = "East \"gate\" 东门", hours: String = "24/7", amenities: [Amenity] = []) -> StationCatalog {
        StationCatalog(stations: [
            Station(
                id: "E1", name: name, lon: 116.4075, lat: 39.9087, district: "110101", grade: .A,
                openingHours: hours, amenities: AmenitySet(amenities))
        ])
    }

    private func jsonMessage(_ answer: NearestAnswer) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(answer.jsonBytes())) as? [String: Any]
        return try #require(object?["message"] as? String)
    }

    @Test("found: count, condition, nearest name, id and metres; JSON escapes the quotes")
    func found() throws {
        let answer = try catalog().nearest(NearestQuery(point: Self.tiananmen, atEpochSeconds: Self.noon))
        let expected = "1 station open on arrival (walk) for at least 10 minutes; the nearest is East \"gate\" 东门 (E1), 853 m away."
        #expect(answer.message == expected)
        #expect(try jsonMessage(answer) == expected)
    }

    @Test("open now, and kilometres from 10 km: 12.3 km")
    func kilometres() throws {
        let far = LonLat(lon: 116.4075 - 0.1440, lat: 39.9087)  // about 12.3 km west of the station
        let answer = try catalog().nearest(NearestQuery(point: far, atEpochSeconds: Self.noon, openPolicy: .now))
        #expect(answer.message == "1 station open now; the nearest is East \"gate\" 东门 (E1), 12.3 km away.")
        #expect(try jsonMessage(answer) == answer.message)
    }

    @Test("nothing matches the filters: scope and filters named")
    func noneMatch() throws {
        let answer = try catalog().nearest(NearestQuery(
            point: Self.tiananmen, atEpochSeconds: Self.noon, maxDistanceMetres: 2_000,
            requiredAmenities: AmenitySet([.toilet]), grades: [.B, .A]))
        #expect(answer.message == "No station within 2000 m matches the filters (amenities: toilet; grades: A, B; "
            + "public stations only); try a larger distance or fewer filters.")
        #expect(try jsonMessage(answer) == answer.message)
    }

    @Test("closed: the soonest to open, with its time")
    func soonest() throws {
        let answer = try catalog(hours: "Mo-Su 14:00-18:00").nearest(
            NearestQuery(point: Self.tiananmen, atEpochSeconds: Self.noon))
        #expect(answer.message == "No matching station is open on arrival (walk) for at least 10 minutes; the soonest "
            + "to open is East \"gate\" 东门 (E1), 853 m away, at 2026-03-10T14:00.")
        #expect(try jsonMessage(answer) == answer.message)
    }

    @Test("closed for good, and an absurd max_distance does not trap")
    func neverOpens() throws {
        let answer = try catalog(hours: "off").nearest(
            NearestQuery(point: Self.tiananmen, atEpochSeconds: Self.noon, maxDistanceMetres: 1e300))
        #expect(answer.message.hasPrefix("No matching station within 1e+297 km is open on arrival"))
        #expect(answer.message.hasSuffix(", and none opens in the next 14 days."))
        #expect(try jsonMessage(answer) == answer.message)
    }
}
