import Foundation
import Hummingbird
import HummingbirdTesting
import StationServer
import Testing

/// The map's payloads: `/v1/stations?format=compact` and `/v1/districts?format=geojson`.
struct MapLayerRouteTests {
    /// Each feature's (grade, state) with its ids, in the order served.
    func groups(_ response: TestResponse) throws -> [String: [String]] {
        let features = try #require(try json(response)["features"] as? [[String: Any]])
        var out: [String: [String]] = [:]
        for feature in features {
            let properties = try #require(feature["properties"] as? [String: Any])
            let geometry = try #require(feature["geometry"] as? [String: Any])
            let ids = try #require(properties["ids"] as? [String])
            let coordinates = try #require(geometry["coordinates"] as? [[Double]])
            #expect(geometry["type"] as? String == "MultiPoint")
            #expect(coordinates.count == ids.count)
            #expect(properties["count"] as? Int == ids.count)
            out["\(properties["grade"]!)/\(properties["state"]!)"] = ids
        }
        return out
    }

    /// Monday 2026-11-23 at 10:00: T-1 (24/7) and T-2 (Mo-Fr 09-17) are open, T-4 (20:00-08:00) is
    /// closed, T-5 is suspended; T-3 is members-only and hidden from anonymous callers.
    @Test func compactStationsGroupedByGradeAndStateAtATime() async throws {
        try await withTestApp { client, services in
            try await client.execute(uri: "/v1/stations?format=compact&at=2026-11-23T10:00", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/geo+json")
                let served = try groups(response)
                #expect(served == ["A/open": ["T-1"], "A/inactive": ["T-5"], "B/open": ["T-2"], "B/closed": ["T-4"]])
                let first = try #require((try json(response)["features"] as? [[String: Any]])?.first)
                #expect((first["geometry"] as? [String: Any])?["coordinates"] as? [[Double]] == [[116.401, 39.9]])
                #expect((first["properties"] as? [String: Any])?["time"] as? String == "2026-11-23T10:00")
            }
            // 23:00 the same day: the night shop is open, the office closed.
            try await client.execute(uri: "/v1/stations?format=compact&at=2026-11-23T23:00", method: .get) { response in
                let served = try groups(response)
                #expect(served == ["A/open": ["T-1"], "A/inactive": ["T-5"], "B/open": ["T-4"], "B/closed": ["T-2"]])
            }
            // Any time of the week: every active station opens at some point.
            try await client.execute(uri: "/v1/stations?format=compact&any_time=true", method: .get) { response in
                let served = try groups(response)
                #expect(served == ["A/open": ["T-1"], "A/inactive": ["T-5"], "B/open": ["T-2", "T-4"]])
            }
            let auditor = try await services.ledger.store.createKey(role: .auditor, organization: nil)
            try await client.execute(uri: "/v1/stations?format=compact&at=2026-11-23T10:00", method: .get,
                                     headers: bearer(auditor.secret)) { response in
                let served = try groups(response)
                #expect(served["C/open"] == ["T-3"])
            }
            // The listing's own filters apply (T-4 is the only one with phone charging).
            try await client.execute(uri: "/v1/stations?format=compact&at=2026-11-23T10:00&amenities=phone_charging", method: .get) { response in
                let served = try groups(response)
                #expect(served == ["B/closed": ["T-4"]])
            }
        }
    }

    @Test func compactStationsRefuseABadTime() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/stations?format=compact&at=2026-13-01T10:00", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "at")
            }
            try await client.execute(uri: "/v1/stations?format=compact&at=2026-11-23T10:00&any_time=true", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "any_time")
            }
        }
    }

    @Test func districtOutlinesCarryTheListingsFigures() async throws {
        try await withTestApp { client, _ in
            var areas: [String: Double] = [:]
            try await client.execute(uri: "/v1/districts", method: .get) { response in
                for row in try jsonArray(response) { areas[row["adcode"] as! String] = row["area_km2"] as? Double }
            }
            try await client.execute(uri: "/v1/districts?format=geojson", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/geo+json")
                let features = try #require(try json(response)["features"] as? [[String: Any]])
                #expect(features.count == 16)
                for feature in features {
                    let properties = try #require(feature["properties"] as? [String: Any])
                    let code = try #require(properties["district"] as? String)
                    #expect(properties["area_km2"] as? Double == areas[code])
                    let type = (feature["geometry"] as? [String: Any])?["type"] as? String
                    #expect(type == "Polygon" || type == "MultiPolygon")
                }
                let dongcheng = features.first { ($0["properties"] as? [String: Any])?["district"] as? String == "110101" }
                #expect((dongcheng?["properties"] as? [String: Any])?["name"] as? String == "东城区")
                #expect((dongcheng?["properties"] as? [String: Any])?["population"] as? Int == 708829)
            }
        }
    }
}
