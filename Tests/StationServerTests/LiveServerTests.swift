import Foundation
import Hummingbird
import HummingbirdTesting
import StationServer
import Testing

/// The real HTTP server on a free loopback port, called over a socket.
struct LiveServerTests {
    @Test func servesNearestOverARealSocket() async throws {
        let services = try await TestLedger.services()
        let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/stations/nearest?lon=116.40&lat=39.90&at=2026-11-23T10:00&open=now&limit=1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.first?["id"] as? String == "T-1")
            }
            try await client.execute(uri: "/nowhere", method: .get) { response in
                try expectError(response, status: .notFound, code: "not_found")
            }
        }
    }
}
