import Foundation
import Hummingbird
import HummingbirdTesting
import StationServer
import Testing

/// Coverage, gaps, profile and export say which time, radius and stations they answered for;
/// `/healthz` and `/v1/hours/check` keep one key order.
struct AnswerEchoRouteTests {
    @Test func coverageRowsStateTheirTimeRadiusAndStationsAndEndWithACityTotal() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/coverage?at=2026-11-23T10:00&radius=300", method: .get) { response in
                let rows = try jsonArray(response)
                #expect(rows.count == 17)
                for row in rows {
                    #expect(row["at"] as? String == "2026-11-23T10:00")
                    #expect(row["any_time"] as? Bool == false)
                    #expect(row["radius_m"] as? Double == 300)
                    #expect(row["include_members_only"] as? Bool == false)
                }
                let total = try #require(rows.last)
                #expect(total["district"] as? String == "110000")
                // The total's area is the sum of the districts' (Beijing's official figure: 16,410 km2).
                let sum = rows.dropLast().compactMap { $0["area_km2"] as? Double }.reduce(0, +)
                #expect(abs((total["area_km2"] as? Double ?? 0) - sum) < 1e-6)
                #expect(abs(sum - 16_410) / 16_410 < 0.002)
                // Open at 10:00 on a Monday near the origin: T-1, T-2 (T-3 is members-only, T-4 closed, T-5 suspended).
                #expect(total["stations"] as? Int == 2)
            }
            try await client.execute(uri: "/v1/coverage?any_time=true&district=Dongcheng&district=东城区".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, method: .get) { response in
                let rows = try jsonArray(response)
                #expect(rows.count == 1, "a district named twice is answered once, without a total")
                #expect(rows.first?["any_time"] as? Bool == true)
            }
        }
    }

    @Test func gapsProfileAndExportStateWhatTheyAnswered() async throws {
        try await withTestApp { client, services in
            try await client.execute(uri: "/v1/gaps?district=Dongcheng&at=2026-11-23T23:00&top=2", method: .get) { response in
                let features = try #require(try json(response)["features"] as? [[String: Any]])
                let properties = try #require(features.first?["properties"] as? [String: Any])
                #expect(properties["at"] as? String == "2026-11-23T23:00")
                #expect(properties["radius_m"] as? Double == 500)
                #expect(properties["include_members_only"] as? Bool == false)
            }
            try await client.execute(uri: "/v1/profile?district=Dongcheng&date=2026-11-23&at=2026-11-23T10:00", method: .get) { response in
                // The profile covers every hour of the week itself: `at` is not one of its parameters.
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "at")
            }
            let auditor = try await services.ledger.store.createKey(role: .auditor, organization: nil)
            try await client.execute(uri: "/v1/profile?district=Dongcheng&date=2026-11-23&include_members_only=true",
                                     method: .get, headers: bearer(auditor.secret)) { response in
                let value = try json(response)
                #expect(value["include_members_only"] as? Bool == true)
                #expect(value["week_start"] as? String == "2026-11-23")
            }
            try await client.execute(uri: "/v1/export/coverage.geojson?district=Dongcheng&at=2026-11-23T05:00&radius=800", method: .get) { response in
                let features = try #require(try json(response)["features"] as? [[String: Any]])
                let district = try #require(features.first { ($0["properties"] as? [String: Any])?["kind"] as? String == "district" })
                let properties = try #require(district["properties"] as? [String: Any])
                #expect(properties["at"] as? String == "2026-11-23T05:00")
                #expect(properties["radius_m"] as? Double == 800)
                #expect(properties["include_members_only"] as? Bool == false)
            }
        }
    }

    @Test func healthAndHoursCheckKeepOneKeyOrder() async throws {
        try await withTestApp { client, _ in
            var bodies: Set<String> = []
            for _ in 0..<5 {
                try await client.execute(uri: "/v1/hours/check?expr=24/7&at=2026-01-01T00:00", method: .get) { response in
                    bodies.insert(String(buffer: response.body))
                }
            }
            #expect(bodies == [#"{"at":"2026-01-01T00:00","expr":"24/7","state":"open"}"#])
            try await client.execute(uri: "/healthz", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.hasPrefix(#"{"ledger":"ok","ledger_since":"#), "\(text)")  // keys sorted
                let value = try json(response)
                #expect(value["stations_indexed"] as? Int == 4, "T-5 is suspended")
                #expect((value["ledger_version"] as? Int ?? 0) >= 5)
                #expect((value["snapshot_built_at"] as? String)?.hasSuffix("Z") == true)
            }
        }
    }
}
