import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import StationGeometry
import StationApp
import StationServer
import Testing

/// `/v1/recommend` and cross-coverage over HTTP, on the five-station test ledger in Dongcheng.
struct RecommendRouteTests {
    /// Haversine metres on the mean Earth radius, written out here independently of the library.
    static func haversineMetres(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
        let r = 6_371_008.8, rad = Double.pi / 180
        let a = pow(sin((lat2 - lat1) * rad / 2), 2) + cos(lat1 * rad) * cos(lat2 * rad) * pow(sin((lon2 - lon1) * rad / 2), 2)
        return 2 * r * asin(a.squareRoot())
    }

    /// At 10:00 on Monday T-1 and T-2 are open near (116.40, 39.90). Of two candidates, the one far
    /// from them (116.43, 39.94) adds a whole 500 m disc of new demand; the JSON has exactly the
    /// documented keys.
    @Test func recommendsTheFarCandidateWithTheDocumentedShape() async throws {
        try await withTestApp { client, _ in
            let uri = "/v1/recommend?district=Dongcheng&count=1&radius=500&at=2026-11-23T10:00&candidates=116.4005,39.9005,near;116.43,39.94,far"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let body = try json(response)
                #expect(Set(body.keys) == ["district", "radius_m", "count", "demand_total", "covered_before", "covered_after",
                                           "upper_bound", "gap_pct", "bound_optimal", "demand_source", "sites"])
                #expect(body["district"] as? String == "110101")
                #expect(body["count"] as? Int == 1)
                #expect(body["demand_source"] as? String == "uniform")
                let sites = try #require(body["sites"] as? [[String: Any]])
                #expect(sites.count == 1)
                let site = try #require(sites.first)
                #expect(Set(site.keys) == ["rank", "lon", "lat", "id", "added_demand", "added_pct", "nearest_station_m"])
                #expect(site["id"] as? String == "far")
                #expect(site["rank"] as? Int == 1)
                // Uniform demand is km² of area: a 500 m disc holds about 0.785 km² (cells of 250 m, by centres).
                let added = try #require(site["added_demand"] as? Double)
                #expect(added > 0.6 && added < 1.0, "added \(added)")
                let total = try #require(body["demand_total"] as? Double)
                #expect(abs(total - 41.98) < 0.05)
                let nearest = try #require(site["nearest_station_m"] as? Double)
                #expect(abs(nearest - Self.haversineMetres(116.43, 39.94, 116.402, 39.90)) < 0.01)
                let before = try #require(body["covered_before"] as? Double)
                let after = try #require(body["covered_after"] as? Double)
                #expect(abs(after - before - added) < 1e-9)
                let bound = try #require(body["upper_bound"] as? Double)
                #expect(bound >= after - 1e-9)
                // With K = 1 and two candidates the best is one of them: the bound is tight.
                #expect(try #require(body["gap_pct"] as? Double) < 1e-6)
            }
        }
    }

    @Test func geoJSONWhenAsked() async throws {
        try await withTestApp { client, _ in
            var headers = HTTPFields()
            headers[.accept] = "application/geo+json"
            let uri = "/v1/recommend?district=110101&count=2&at=2026-11-23T10:00&candidates=116.43,39.94;116.41,39.92"
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/geo+json")
                let body = try json(response)
                #expect(body["type"] as? String == "FeatureCollection")
                let features = try #require(body["features"] as? [[String: Any]])
                #expect(features.count == 2)
                let summary = try #require(body["recommendation"] as? [String: Any])
                #expect(summary["district"] as? String == "110101")
                #expect(summary["sites"] == nil)
            }
        }
    }

    /// With the server's demand layer (here CSV points: 100 people 85 m east of T-2, 50 people at
    /// 116.43, 39.94), recommend counts people and names the layer.
    @Test func serverDemandLayerIsUsed() async throws {
        let csv = "lon,lat,weight\n116.403,39.90,100\n116.43,39.94,50\n"
        var layer = try DemandLayer.parse(Data(csv.utf8), source: "people.csv")
        layer.sourceName = "people.csv"
        let services = try await AppServices(store: try TestLedger.database(), demand: layer)
        let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.router) { client in
            let uri = "/v1/recommend?district=Dongcheng&count=1&at=2026-11-23T10:00&candidates=116.4305,39.9405,far"
            try await client.execute(uri: uri, method: .get) { response in
                let body = try json(response)
                #expect(body["demand_source"] as? String == "people.csv")
                #expect(body["demand_total"] as? Double == 150)
                #expect(body["covered_before"] as? Double == 100)
                #expect(body["covered_after"] as? Double == 150)
            }
        }
    }

    @Test func badInputGetsTheErrorShape() async throws {
        try await withTestApp { client, _ in
            let cases: [(String, String)] = [
                ("/v1/recommend?district=Dongcheng", "count"),
                ("/v1/recommend?district=Dongcheng&count=0", "count"),
                ("/v1/recommend?district=Dongcheng&count=501", "count"),
                ("/v1/recommend?district=Dongcheng&count=1&radius=0", "radius"),
                ("/v1/recommend?district=Dongcheng&count=1&radius=50001", "radius"),
                ("/v1/recommend?district=Dongcheng&count=1&min_stations=3", "min_stations"),
                ("/v1/recommend?district=Dongcheng&count=1&radius=500&walk_minutes=15", "walk_minutes"),
                ("/v1/recommend?district=Dongcheng&count=1&candidates=116.0,39.9", "candidates"),
                ("/v1/recommend?district=Dongcheng&count=1&candidates=116.43,north", "candidates"),
                ("/v1/recommend?district=Dongcheng&count=1&format=kml", "format"),
            ]
            for (uri, field) in cases {
                try await client.execute(uri: uri, method: .get) { response in
                    try expectError(response, status: .badRequest, code: "invalid_parameter", field: field)
                }
            }
            try await client.execute(uri: "/v1/recommend?district=Dongcheng&count=1&candidates=116.43,39.94;116.0,39.9", method: .get) { response in
                let error = try errorObject(response, status: .badRequest, code: "invalid_parameter", field: "candidates")
                #expect((error["message"] as? String)?.contains("candidate 2") == true)
            }
            try await client.execute(uri: "/v1/recommend?district=Atlantis&count=1", method: .get) { response in
                try expectError(response, status: .notFound, code: "not_found", field: "district")
            }
        }
    }

    /// T-1 and T-2 are 85.3 m apart and open at 10:00: the area reached twice is their discs' lens.
    @Test func crossCoverageIsTheLensOfTwoDiscs() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/coverage?district=Dongcheng&radius=500&at=2026-11-23T10:00&min_stations=2", method: .get) { response in
                #expect(response.status == .ok)
                let row = try #require(try jsonArray(response).first)
                #expect(row["min_stations"] as? Int == 2)
                let covered = try #require(row["covered_km2"] as? Double)
                let r = 500.0, d = Self.haversineMetres(116.401, 39.90, 116.402, 39.90)
                let lens = (2 * r * r * acos(d / (2 * r)) - d / 2 * (4 * r * r - d * d).squareRoot()) / 1e6
                #expect(abs(covered - lens) / lens < 0.01, "\(covered) vs lens \(lens)")
            }
            try await client.execute(uri: "/v1/coverage?district=Dongcheng&walk_minutes=15&at=2026-11-23T10:00", method: .get) { response in
                let row = try #require(try jsonArray(response).first)
                // 15 minutes at 4.5 km/h over a 1.3 detour: 865.38 m; two discs of that radius 85 m apart.
                let r = 15 * 75 / 1.3, d = Self.haversineMetres(116.401, 39.90, 116.402, 39.90)
                let lens = 2 * r * r * acos(d / (2 * r)) - d / 2 * (4 * r * r - d * d).squareRoot()
                let union = (2 * Double.pi * r * r - lens) / 1e6
                let covered = try #require(row["covered_km2"] as? Double)
                #expect(abs(covered - union) / union < 0.01, "\(covered) vs \(union)")
            }
            try await client.execute(uri: "/v1/coverage?min_stations=3", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "min_stations")
            }
        }
    }
}
