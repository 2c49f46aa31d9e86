import Foundation
import Hummingbird
import HummingbirdTesting
import StationCore
import StationServer
import Testing

/// Query parameters are checked against each route's list: unknown names and repeats of
/// single-valued ones are refused, list parameters take repeats and commas alike.
struct StrictParameterTests {
    static let nearest = "/v1/stations/nearest?lon=116.40&lat=39.90&at=2026-11-23T10:00&open=now"

    /// The reproducer: the CLI's spelling `amenity` used to be ignored and a station without a toilet came back.
    @Test func theCLISpellingOfAParameterIsRefusedWithTheRightOne() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: Self.nearest + "&amenity=toilet", method: .get) { response in
                let error = try errorObject(response, status: .badRequest, code: "invalid_parameter", field: "amenity")
                #expect((error["message"] as? String)?.contains("did you mean 'amenities'?") == true)
            }
            try await client.execute(uri: Self.nearest + "&max-distance=10", method: .get) { response in
                let error = try errorObject(response, status: .badRequest, code: "invalid_parameter", field: "max-distance")
                #expect((error["message"] as? String)?.contains("did you mean 'max_distance'?") == true)
            }
            try await client.execute(uri: "/healthz?verbose=1", method: .get) { response in
                let error = try errorObject(response, status: .badRequest, code: "invalid_parameter", field: "verbose")
                #expect((error["message"] as? String)?.contains("takes no query parameters") == true)
            }
            try await client.execute(uri: "/v1/gaps?district=Dongcheng&demand=people.csv", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "demand")
            }
        }
    }

    @Test func aRepeatedSingleValuedParameterIsRefused() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: Self.nearest + "&limit=1&limit=3", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "limit")
            }
        }
    }

    /// The reproducer: `amenities=toilet&amenities=nursing_room` kept only the first.
    @Test func listParametersTakeRepeatsCommasAndChineseWords() async throws {
        try await withTestApp { client, _ in
            // T-1 has drinking_water, toilet and heating; T-2 has drinking_water and seating.
            for query in ["amenities=toilet&amenities=heating", "amenities=toilet,heating", "amenities=厕所，取暖"] {
                let uri = Self.nearest + "&" + query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(query): \(String(buffer: response.body))")
                    let ids = try #require(try json(response)["results"] as? [[String: Any]]).compactMap { $0["id"] as? String }
                    #expect(ids == ["T-1"], "\(query)")
                }
            }
            try await client.execute(uri: Self.nearest + "&amenities=toilet&amenities=seating", method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.isEmpty)
            }
        }
    }

    /// The reproducer: `PUT /v1/stations/{id}?crs=gcj02` stored the GCJ-02 numbers as WGS-84.
    @Test func crsIsHonouredOnWrites() async throws {
        try await withTestApp { client, services in
            let editor = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let wgs = LonLat(lon: 116.405, lat: 39.905)
            let gcj = ChinaShift.wgs84ToGCJ02(wgs)
            let body = """
                {"name":"Moved kiosk","lon":\(gcj.lon),"lat":\(gcj.lat),"grade":"B","host_type":"shop",
                 "opening_hours":"24/7","amenities":["toilet"]}
                """
            try await client.execute(uri: "/v1/stations/K-1?crs=gcj02", method: .put,
                                     headers: bearer(editor.secret, contentType: "application/json"),
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            let stored = try #require(try await services.ledger.store.station(id: "K-1"))
            // Within a metre of the WGS-84 point, where reading GCJ-02 as WGS-84 would be about 600 m off.
            #expect(Earth.distanceMetres(stored.location, wgs) < 1)
            try await client.execute(uri: "/v1/stations/K-1?crs=mars", method: .put,
                                     headers: bearer(editor.secret, contentType: "application/json"),
                                     body: ByteBuffer(string: body)) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "crs")
            }
        }
    }

    @Test func geoJSONIsAnsweredWhereverAskedOrTheFormatIsRefused() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/districts?format=geojson", method: .get) { response in
                #expect(response.headers[.contentType] == "application/geo+json")
                let features = try #require(try json(response)["features"] as? [[String: Any]])
                #expect(features.count == 16)
                let properties = try #require(features.first?["properties"] as? [String: Any])
                #expect(properties["district"] as? String == "110101")
            }
            try await client.execute(uri: "/v1/coverage?district=Dongcheng&at=2026-11-23T10:00&format=geojson", method: .get) { response in
                #expect(response.headers[.contentType] == "application/geo+json")
                let features = try #require(try json(response)["features"] as? [[String: Any]])
                #expect(features.count == 1)
                let properties = try #require(features.first?["properties"] as? [String: Any])
                #expect(properties["at"] as? String == "2026-11-23T10:00")
                #expect(properties["coverage_pct"] is Double)
            }
            try await client.execute(uri: "/v1/districts?format=xml", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "format")
            }
        }
    }

    @Test func anUndeclaredMethodGets405WithAllow() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/healthz", method: .init("TRACE")!) { response in
                try expectError(response, status: .methodNotAllowed, code: "method_not_allowed")
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/v1/stations", method: .delete) { response in
                try expectError(response, status: .methodNotAllowed, code: "method_not_allowed")
                #expect(response.headers[.allow] == "GET, POST")
            }
            try await client.execute(uri: "/v1/stations/T-1", method: .post) { response in
                #expect(response.headers[.allow] == "GET, PUT, DELETE")
            }
            try await client.execute(uri: "/v1/nowhere", method: .delete) { response in
                try expectError(response, status: .notFound, code: "not_found")
            }
        }
    }

    /// Found by schemathesis: `walk_minutes=` was read as absent and coverage answered for the 500 m
    /// default. An empty number or flag is refused, naming it, as the document's types say.
    @Test func anEmptyNumberOrFlagIsRefusedNotReadAsTheDefault() async throws {
        try await withTestApp { client, _ in
            for (uri, field) in [("/v1/coverage?walk_minutes=", "walk_minutes"), ("/v1/coverage?any_time=", "any_time"),
                                 (Self.nearest + "&limit=", "limit"), ("/v1/gaps?district=Dongcheng&cell=", "cell")] {
                try await client.execute(uri: uri, method: .get) { response in
                    let error = try errorObject(response, status: .badRequest, code: "invalid_parameter", field: field)
                    #expect((error["message"] as? String)?.contains("is empty") == true, "\(uri)")
                }
            }
        }
    }
}
