import Foundation
import Hummingbird
import HummingbirdTesting
@testable import StationServer
import Testing

/// Health, metrics, the OpenAPI document, hours checks and the shape of unknown routes.
struct SystemRouteTests {
    @Test func healthReportsIndexedStations() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let value = try json(response)
                #expect(value["stations_indexed"] as? Int == 4)  // five minus the suspended one
            }
        }
    }

    @Test func unknownRouteIsA404InTheErrorShape() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v2/nothing", method: .get) { response in
                try expectError(response, status: .notFound, code: "not_found")
            }
        }
    }

    @Test func metricsCountRequestsPerRoute() async throws {
        try await withTestApp { client, _ in
            // Three times: the second and third reuse the series the first one made.
            for _ in 0..<3 { try await client.execute(uri: "/healthz", method: .get) { _ in } }
            try await client.execute(uri: "/v1/stations/T-1", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"stationfinder_http_requests_total{route="/healthz",method="GET",status="200"} 3"#))
                #expect(text.contains(#"stationfinder_http_request_duration_seconds_count{route="/healthz",method="GET"} 3"#))
                #expect(text.contains(#"route="/v1/stations/{id}""#))
                #expect(text.contains("stationfinder_http_request_duration_seconds_bucket"))
                #expect(text.contains("stationfinder_stations_indexed 4"))
            }
        }
    }

    /// Every route the router serves is described in openapi.yaml, with its method.
    @Test func openAPIDescribesEveryRoute() async throws {
        let router = buildRouter(try await TestLedger.services())
        let yaml = OpenAPIDocument.yaml
        #expect(yaml.hasPrefix("openapi: 3.1"))
        var missing: [String] = []
        for route in router.routes {
            let path = route.path.description.hasPrefix("/") ? route.path.description : "/" + route.path.description
            guard let start = yaml.range(of: "\n  \(path):\n") else {
                missing.append("\(route.method) \(path)")
                continue
            }
            let rest = "\n" + yaml[start.upperBound...]
            let block = rest.range(of: "\n  /").map { String(rest[..<$0.lowerBound]) } ?? rest
            if !block.contains("\n    \(route.method.rawValue.lowercased()):") { missing.append("\(route.method) \(path)") }
        }
        #expect(missing.isEmpty, "routes missing from openapi.yaml: \(missing)")
        #expect(router.routes.count >= 16)
    }

    @Test func hoursCheck() async throws {
        try await withTestApp { client, _ in
            let expr = "Mo-Fr%2008:30-17:30;%20PH%20off"
            try await client.execute(uri: "/v1/hours/check?expr=\(expr)&at=2026-10-01T10:00", method: .get) { response in
                let body = try json(response)
                #expect(body["state"] as? String == "closed")  // National Day
                // National Day week is Oct 1-7 (Thu-Wed); Thursday Oct 8 is a working day again.
                #expect(body["next_change"] as? String == "2026-10-08T08:30")
            }
            try await client.execute(uri: "/v1/hours/check?expr=Mo-Fr%2025:00", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "expr")
            }
        }
    }
}
