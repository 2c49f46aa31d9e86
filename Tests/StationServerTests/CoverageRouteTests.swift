import Foundation
import HummingbirdTesting
import StationServer
import Testing

/// Coverage, gaps, profile, export and districts over HTTP.
struct CoverageRouteTests {
    @Test func districtsListsAllSixteenWithPopulation() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/districts", method: .get) { response in
                let rows = try jsonArray(response)
                #expect(rows.count == 16)
                let dongcheng = try #require(rows.first { $0["adcode"] as? String == "110101" })
                #expect(dongcheng["name"] as? String == "东城区")
                #expect(dongcheng["population"] as? Int == 708_829)
            }
        }
    }

    /// Two open public stations 85 m apart at 10:00 on Monday: the union of two 500 m discs
    /// overlapping by 85 m, all inside Dongcheng (42 km2), covers about 0.87 km2 (2 pi r^2 minus the
    /// lens), so Dongcheng is about 2% covered.
    @Test func coverageOfOneDistrictAtATime() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/coverage?district=Dongcheng&radius=500&at=2026-11-23T10:00", method: .get) { response in
                #expect(response.status == .ok)
                let row = try #require(try jsonArray(response).first)
                #expect(row["district"] as? String == "110101")
                #expect(row["stations"] as? Int == 2)
                let covered = try #require(row["covered_km2"] as? Double)
                // Union of two r = 500 m discs whose centres are d = 85.3 m apart: 2 pi r^2 minus the lens.
                let r = 500.0, d = 85.3
                let lens = 2 * r * r * acos(d / (2 * r)) - d / 2 * (4 * r * r - d * d).squareRoot()
                let expected = (2 * Double.pi * r * r - lens) / 1e6
                #expect(abs(covered - expected) / expected < 0.01)
            }
        }
    }

    @Test func coverageErrors() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/coverage?district=Atlantis", method: .get) { response in
                try expectError(response, status: .notFound, code: "not_found", field: "district")
            }
            try await client.execute(uri: "/v1/coverage?radius=0", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "radius")
            }
            try await client.execute(uri: "/v1/coverage?radius=60000", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "radius")
            }
            try await client.execute(uri: "/v1/coverage?include_members_only=true", method: .get) { response in
                try expectError(response, status: .unauthorized, code: "unauthorized")
            }
            try await client.execute(uri: "/v1/gaps?district=110101&cell=10", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "cell")
            }
            try await client.execute(uri: "/v1/profile", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "district")
            }
        }
    }

    @Test func gapsAreGeoJSONCellsRankedWorstFirst() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/gaps?district=110101&cell=1000&top=5&at=2026-11-23T10:00", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["type"] as? String == "FeatureCollection")
                let features = try #require(body["features"] as? [[String: Any]])
                #expect(features.count == 5)
                let ranks = features.compactMap { ($0["properties"] as? [String: Any])?["rank"] as? Int }
                #expect(ranks == [1, 2, 3, 4, 5])
            }
        }
    }

    @Test func profileHas168Hours() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/profile?district=110101&date=2026-11-23", method: .get) { response in
                #expect(response.status == .ok)
                let hours = try #require(try json(response)["hours"] as? [[String: Any]])
                #expect(hours.count == 168)
                // Monday 10:00 (index 10): T-1 and T-2 open; Monday 22:00 (index 22): T-1 and T-4.
                #expect(hours[10]["stations"] as? Int == 2)
                #expect(hours[22]["stations"] as? Int == 2)
                // Sunday 10:00 (index 154): the office is closed, T-1 only.
                #expect(hours[154]["stations"] as? Int == 1)
            }
        }
    }

    @Test func exportIsAFeatureCollectionWithABboxAndNoMembersOnlyStationsForAnonymous() async throws {
        try await withTestApp { client, services in
            try await client.execute(uri: "/v1/export/coverage.geojson?district=110101&at=2026-11-23T10:00", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["type"] as? String == "FeatureCollection")
                #expect((body["bbox"] as? [Double])?.count == 4)
                #expect(body["crs"] == nil)
                let text = String(buffer: response.body)
                #expect(!text.contains("Members only"))
            }
            let auditor = try await services.ledger.store.createKey(role: .auditor, organization: nil)
            try await client.execute(uri: "/v1/export/coverage.geojson?district=110101&include_members_only=true", method: .get,
                                     headers: bearer(auditor.secret)) { response in
                #expect(String(buffer: response.body).contains("Members only"))
            }
        }
    }
}
