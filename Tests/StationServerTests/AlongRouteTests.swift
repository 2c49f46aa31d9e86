import Foundation
import Hummingbird
import HummingbirdTesting
import StationCore
import StationGeometry
import StationServer
import Testing

/// `/v1/stations/along` on the five-station test ledger. The route runs east along latitude 39.9005 from
/// lon 116.399, so every station is 0.0005 degree of latitude (55.6 m) off it, and T-n is reached
/// (n + 1) x 0.001 degree of longitude (85.3 m each) along it.
struct AlongRouteTests {
    static let route = [LonLat(lon: 116.399, lat: 39.9005), LonLat(lon: 116.402, lat: 39.9005), LonLat(lon: 116.406, lat: 39.9005)]
    static let geoJSON = #"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[116.399,39.9005],[116.402,39.9005],[116.406,39.9005]]}}"#
    static let polyline = RouteInput.encodePolyline(route)

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    static func post(_ client: any TestClientProtocol, _ query: String, body: String,
                     _ check: @escaping @Sendable (TestResponse) async throws -> Void) async throws {
        var headers = HTTPFields()
        headers[.contentType] = "application/geo+json"
        try await client.execute(uri: "/v1/stations/along?" + query, method: .post, headers: headers,
                                 body: ByteBuffer(string: body), testCallback: check)
    }

    @Test func geoJSONRouteGivesStationsInRouteOrderWithHandCheckedDistances() async throws {
        try await withTestApp { client, _ in
            try await Self.post(client, "at=2026-11-23T10:00&open=now", body: Self.geoJSON) { response in
                #expect(response.status == .ok)
                let object = try json(response)
                let results = try #require(object["results"] as? [[String: Any]])
                // T-3 is members-only, T-4 closed at 10:00, T-5 suspended.
                #expect(results.compactMap { $0["id"] as? String } == ["T-1", "T-2"])
                let first = results[0]
                #expect(abs((first["offset_m"] as? Double ?? 0) - 55.6) < 0.11)
                #expect(abs((first["detour_m"] as? Double ?? 0) - 111.2) < 0.21)
                #expect(abs((first["along_m"] as? Double ?? 0) - 170.6) < 0.3)
                #expect(first["closed_reports_7d"] as? Int == 0)
                // Walking 4.5 km/h: (170.6 + 1.3 x 55.6) / 1.25 = 194 s after 10:00.
                #expect(first["arrival"] as? String == "2026-11-23T10:03")
                let query = try #require(object["query"] as? [String: Any])
                #expect(query["route_positions"] as? Int == 3)
                #expect(abs((query["route_length_m"] as? Double ?? 0) - 597.1) < 0.5)
                #expect((object["message"] as? String)?.hasPrefix("2 stations within a 500 m detour") == true)
            }
        }
    }

    @Test func polylineRouteMatchesTheGeoJSONOneAndCompactDropsTheEcho() async throws {
        try await withTestApp { client, _ in
            let uri = "/v1/stations/along?polyline=\(Self.encoded(Self.polyline))&at=2026-11-23T22:00&open=now&compact=true"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let object = try json(response)
                #expect(object["query"] == nil && object["message"] == nil)
                let results = try #require(object["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["id"] as? String } == ["T-1", "T-4"])
            }
            // Precision 6 carries the same route.
            let six = RouteInput.encodePolyline(Self.route, precision: 6)
            try await client.execute(uri: "/v1/stations/along?polyline=\(Self.encoded(six))&precision=6&at=2026-11-23T22:00&open=now", method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["id"] as? String } == ["T-1", "T-4"])
            }
        }
    }

    @Test func aShortDetourLeavesNothingAndSaysWhy() async throws {
        try await withTestApp { client, _ in
            try await Self.post(client, "at=2026-11-23T10:00&max_detour=100", body: Self.geoJSON) { response in
                let object = try json(response)
                #expect((object["results"] as? [Any])?.isEmpty == true)
                #expect((object["message"] as? String)?.hasPrefix("No station within a 100 m detour") == true)
            }
        }
    }

    @Test func badRoutesAndParametersAreRefusedWithTheErrorShape() async throws {
        try await withTestApp { client, _ in
            try await Self.post(client, "", body: #"{"type":"Point","coordinates":[116.4,39.9]}"#) { response in
                try expectError(response, status: .unprocessableContent, code: "invalid_route", field: "type")
            }
            try await Self.post(client, "", body: #"{"type":"LineString","coordinates":[[116.4,39.9]]}"#) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "coordinates")
            }
            try await Self.post(client, "", body: #"{"type":"LineString","coordinates":[[116.4,39.9],[216.4,39.9]]}"#) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "coordinates[1]")
            }
            try await Self.post(client, "", body: #"{"type":"LineString","coordinates":[[116.4,39.9],["a",39.9]]}"#) { response in
                try expectError(response, status: .unprocessableContent, code: "invalid_route", field: "coordinates[1]")
            }
            try await Self.post(client, "", body: "{not json") { response in
                try expectError(response, status: .unprocessableContent, code: "invalid_route", field: "body")
            }
            let many = (0...10_000).map { "[116.4,\(39.9 + Double($0) * 1e-5)]" }.joined(separator: ",")
            try await Self.post(client, "", body: #"{"type":"LineString","coordinates":[\#(many)]}"#) { response in
                try expectError(response, status: .unprocessableContent, code: "invalid_route", field: "coordinates")
            }
            for detour in ["0", "5001", "-3"] {
                try await Self.post(client, "max_detour=\(detour)", body: Self.geoJSON) { response in
                    try expectError(response, status: .badRequest, code: "invalid_parameter", field: "max_detour")
                }
            }
            try await client.execute(uri: "/v1/stations/along?polyline=\(Self.encoded("_p~iF~ps|U_ulL"))", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "polyline")
            }
            try await client.execute(uri: "/v1/stations/along?polyline=%20%20", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "polyline")
            }
            try await client.execute(uri: "/v1/stations/along?polyline=\(Self.encoded(Self.polyline))&precision=7", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "precision")
            }
            try await client.execute(uri: "/v1/stations/along?polyline=\(Self.encoded(Self.polyline))&limit=101", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "limit")
            }
        }
    }

    @Test func membersOnlyStationsNeedTheirOrganizationsKey() async throws {
        try await withTestApp { client, services in
            let (_, secret) = try await services.ledger.store.createKey(role: .member, organization: "Acme Couriers")
            var headers = bearer(secret)
            headers[.contentType] = "application/json"
            try await client.execute(uri: "/v1/stations/along?at=2026-11-23T10:00&open=now", method: .post, headers: headers,
                                     body: ByteBuffer(string: Self.geoJSON)) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["id"] as? String } == ["T-1", "T-2", "T-3"])
            }
            try await Self.post(client, "member=Acme%20Couriers", body: Self.geoJSON) { response in
                try expectError(response, status: .unauthorized, code: "unauthorized")
            }
        }
    }

    @Test func largeAnswersAreGzippedWhenTheClientAcceptsIt() async throws {
        try await withTestApp { client, _ in
            var headers = HTTPFields()
            headers[.acceptEncoding] = "br;q=1, gzip;q=0.8"
            let uri = "/v1/stations/along?polyline=\(Self.encoded(Self.polyline))&at=2026-11-23T22:00&open=now"
            var plain = ""
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[.contentEncoding] == nil)
                plain = String(buffer: response.body)
            }
            #expect(plain.utf8.count > 1024)
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.vary] == "Accept-Encoding")
                let compressed = Data(buffer: response.body)
                #expect(compressed.count < plain.utf8.count)
                // Unpacked by the system's gzip, not by the library that packed it.
                let unpacked = try gunzip(compressed)
                #expect(unpacked == plain)
            }
            // Refused with q=0, and small answers are never compressed.
            headers[.acceptEncoding] = "gzip;q=0"
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                #expect(response.headers[.contentEncoding] == nil)
            }
            headers[.acceptEncoding] = "gzip"
            try await client.execute(uri: "/healthz", method: .get, headers: headers) { response in
                #expect(response.headers[.contentEncoding] == nil)
            }
        }
    }
}

/// Decompresses with `gzip -d` in a child process.
func gunzip(_ data: Data) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -dc"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(data)
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: out, as: UTF8.self)
}
