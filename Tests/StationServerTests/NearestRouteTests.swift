import Foundation
import HummingbirdTesting
import StationServer
import StationStore
import Testing

/// `GET /v1/stations/nearest` on the five-station test ledger. Monday 2026-11-23 10:00: the 24/7
/// station and the office are open, the night shop is closed, the suspended one is not indexed.
struct NearestRouteTests {
    let base = "/v1/stations/nearest?lon=116.40&lat=39.90&at=2026-11-23T10:00&open=now"

    @Test func returnsOpenPublicStationsNearestFirstWithHandCheckedDistances() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: base, method: .get) { response in
                #expect(response.status == .ok)
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["id"] as? String } == ["T-1", "T-2"])
                // 0.001 degree of longitude at 39.9 N on the 6,371,008.8 m sphere: 85.3 m.
                let d = try #require(results.first?["distance_m"] as? Double)
                #expect(abs(d - 85.3) < 0.2)
                #expect(abs((results.first?["bearing_deg"] as? Double ?? 0) - 90) < 0.5)
            }
        }
    }

    @Test func atNightOnlyTheNightShopAndTheAllNightStationAreOpen() async throws {
        try await withTestApp { client, _ in
            let uri = "/v1/stations/nearest?lon=116.40&lat=39.90&at=2026-11-23T22:00&open=now"
            try await client.execute(uri: uri, method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["id"] as? String } == ["T-1", "T-4"])
            }
        }
    }

    @Test func amenityFilterKeepsOnlyStationsWithAllOfThem() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: base + "&amenities=toilet,heating", method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["id"] as? String } == ["T-1"])
            }
            // Spaces around items and empty items are ignored.
            try await client.execute(uri: base + "&amenities=%20toilet,,heating%20", method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["id"] as? String } == ["T-1"])
            }
        }
    }

    @Test func membersOnlyStationNeedsAMemberKeyOfItsOrganization() async throws {
        try await withTestApp { client, services in
            try await client.execute(uri: base + "&member=Acme%20Couriers", method: .get) { response in
                try expectError(response, status: .unauthorized, code: "unauthorized")
            }
            let acme = try await services.ledger.store.createKey(role: .member, organization: "Acme Couriers")
            try await client.execute(uri: base, method: .get, headers: bearer(acme.secret)) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["id"] as? String } == ["T-1", "T-2", "T-3"])
            }
            let other = try await services.ledger.store.createKey(role: .member, organization: "Other Ltd")
            try await client.execute(uri: base + "&member=Acme%20Couriers", method: .get, headers: bearer(other.secret)) { response in
                try expectError(response, status: .forbidden, code: "forbidden")
            }
            try await client.execute(uri: base, method: .get, headers: bearer(other.secret)) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(!results.contains { $0["id"] as? String == "T-3" })
            }
        }
    }

    @Test func badParametersGetA400NamingTheField() async throws {
        try await withTestApp { client, _ in
            let cases: [(String, String)] = [
                ("/v1/stations/nearest?lon=116.4&lat=95", "lon"),
                ("/v1/stations/nearest?lon=abc&lat=39.9", "lon"),
                ("/v1/stations/nearest?lat=39.9", "lon"),
                ("/v1/stations/nearest?lon=116.4&lat=39.9&limit=0", "limit"),
                ("/v1/stations/nearest?lon=116.4&lat=39.9&limit=101", "limit"),
                ("/v1/stations/nearest?lon=116.4&lat=39.9&amenities=sauna", "amenities"),
                ("/v1/stations/nearest?lon=116.4&lat=39.9&grades=D", "grades"),
                ("/v1/stations/nearest?lon=116.4&lat=39.9&at=tomorrow", "at"),
                ("/v1/stations/nearest?lon=116.4&lat=39.9&mode=rocket", "mode"),
                ("/v1/stations/nearest?lon=116.4&lat=39.9&max_distance=-5", "max_distance"),
                ("/v1/stations/nearest?lon=2.35&lat=48.85&crs=gcj02", "lon"),
            ]
            for (uri, field) in cases {
                try await client.execute(uri: uri, method: .get) { response in
                    try expectError(response, status: .badRequest, code: "invalid_parameter", field: field)
                }
            }
        }
    }

    @Test func nothingOpenSaysSoAndOffersWhatOpensSoonest() async throws {
        try await withTestApp { client, _ in
            // Only the office has seating; at 22:00 it is closed until Tuesday 09:00.
            let uri = "/v1/stations/nearest?lon=116.40&lat=39.90&at=2026-11-23T22:00&amenities=seating"
            try await client.execute(uri: uri, method: .get) { response in
                let body = try json(response)
                #expect((body["results"] as? [Any])?.isEmpty == true)
                let alternatives = try #require(body["alternatives"] as? [[String: Any]])
                #expect(alternatives.first?["id"] as? String == "T-2")
                #expect((body["message"] as? String)?.isEmpty == false)
            }
        }
    }
}
