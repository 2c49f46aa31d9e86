import Foundation
import Hummingbird
import HummingbirdTesting
@testable import StationServer
import Testing

/// The limits a public service needs: request sizes (414, 400), per-client rate limits (429), the
/// heavy routes' bounded admission (503), each with the one error shape and `Retry-After` where it
/// applies; and the idle and body timeouts on a real socket. Time-limited: a limit that stops working
/// tends to hang a test (a gate that never refuses) rather than fail it.
@Suite(.timeLimit(.minutes(2)))
struct ServiceLimitsTests {
    /// The real router over the test ledger with `limits`.
    func withLimitedApp(_ limits: ServiceLimits,
                        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var services = try await TestLedger.services()
        services.limits = limits
        let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.router) { client in try await body(client) }
    }

    @Test func aTooLongRequestTargetIs414() async throws {
        try await withLimitedApp(ServiceLimits(maxURLBytes: 300)) { client in
            let long = "/v1/stations/nearest?lon=116.4&lat=39.9&member=" + String(repeating: "x", count: 300)
            try await client.execute(uri: long, method: .get) { response in
                let error = try errorObject(response, status: .uriTooLong, code: "uri_too_long")
                #expect((error["message"] as? String)?.contains("at most 300") == true)
            }
            try await client.execute(uri: "/v1/stations/nearest?lon=116.4&lat=39.9", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func tooManyQueryParametersAre400() async throws {
        try await withLimitedApp(ServiceLimits(maxQueryParameters: 16)) { client in
            let many = (0..<17).map { _ in "amenities=toilet" }.joined(separator: "&")
            try await client.execute(uri: "/v1/stations/nearest?lon=116.4&lat=39.9&" + many, method: .get) { response in
                let error = try errorObject(response, status: .badRequest, code: "too_many_parameters")
                #expect((error["message"] as? String)?.contains("19 query parameters") == true)
            }
        }
    }

    @Test func heavyRequestsBeyondTheClientsRateAre429WithRetryAfter() async throws {
        try await withLimitedApp(ServiceLimits(heavyPerMinute: 2)) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/coverage?district=110101&at=2026-11-23T10:00", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
            try await client.execute(uri: "/v1/coverage?district=110101&at=2026-11-23T10:00", method: .get) { response in
                let error = try errorObject(response, status: .tooManyRequests, code: "rate_limited")
                #expect((error["message"] as? String)?.contains("at most 2 a minute") == true)
                // Two a minute: the next token comes within 30 s.
                let retry = try #require(response.headers[.retryAfter].flatMap { Int($0) })
                #expect((1...30).contains(retry))
            }
            // Light routes are not counted.
            try await client.execute(uri: "/v1/stations/nearest?lon=116.4&lat=39.9", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func writesBeyondTheClientsRateAre429() async throws {
        try await withLimitedApp(ServiceLimits(writesPerMinute: 1)) { client in
            try await client.execute(uri: "/v1/stations/NOPE/reports", method: .post, body: ByteBuffer(string: #"{"kind":"closed"}"#)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/stations/NOPE/reports", method: .post, body: ByteBuffer(string: #"{"kind":"closed"}"#)) { response in
                let error = try errorObject(response, status: .tooManyRequests, code: "rate_limited")
                #expect((error["message"] as? String)?.contains("too many writes") == true)
                // One a minute: the token comes back within 60 s of the first write.
                let retry = try #require(response.headers[.retryAfter].flatMap { Int($0) })
                #expect((1...60).contains(retry))
            }
        }
    }

    @Test func anEmptyChoiceIsRefusedNotReadAsTheDefault() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/stations/nearest?lon=116.4&lat=39.9&mode=", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "mode")
            }
            try await client.execute(uri: "/v1/coverage?district=110101&district=", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "district")
            }
        }
    }

    @Test func aLiteralPathAllowsOnlyItsOwnMethods() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/stations/along", method: .options) { response in
                try expectError(response, status: .methodNotAllowed, code: "method_not_allowed")
                #expect(response.headers[.allow] == "GET, POST")
            }
        }
    }

    @Test func theGateAdmitsWorkersThenQueuesThenRefuses() async throws {
        let gate = HeavyWorkGate(workers: 1, queue: 1)
        #expect(await gate.enter())
        let queued = Task { await gate.enter() }
        while gate.load.waiting == 0 { await Task.yield() }
        // One computing, one waiting: the third is refused at once.
        #expect(await gate.enter() == false)
        gate.leave()
        #expect(await queued.value)
        #expect(gate.load.running == 1 && gate.load.waiting == 0)
        gate.leave()
        #expect(gate.load.running == 0)
    }

    @Test func aHeavyRequestBeyondTheWorkersAndQueueIs503() async throws {
        // A router whose coverage handler holds its worker until released, so the second request
        // meets a busy gate for certain.
        let (entered, enteredSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        let router = Router(context: StationRequestContext.self)
        router.add(middleware: ErrorShapeMiddleware())
        router.add(middleware: LoadLimitMiddleware(ServiceLimits(heavyWorkers: 1, heavyQueue: 0)))
        router.add(.coverage) { _, _ -> String in
            enteredSignal.yield()
            for await _ in release { break }
            return "done"
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.router) { client in
            async let first = client.execute(uri: "/v1/coverage", method: .get) { String(buffer: $0.body) }
            for await _ in entered { break }
            try await client.execute(uri: "/v1/coverage", method: .get) { response in
                let error = try errorObject(response, status: .serviceUnavailable, code: "busy")
                #expect((error["message"] as? String)?.contains("all 1 workers") == true)
                #expect(response.headers[.retryAfter] == "1")
            }
            releaseSignal.yield()
            #expect(try await first == "done")
        }
    }

    @Test func aSlowHeadOrBodyLosesItsConnection() async throws {
        var services = try await TestLedger.services()
        services.limits = ServiceLimits(idleTimeoutSeconds: 1, bodyTimeoutSeconds: 1)
        let app = Application(
            router: buildRouter(services),
            server: .stationFinder(services.limits),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // A head that never ends: closed after the idle timeout, long before the 10 s the probe waits.
            let head = try RawConnection(port: port)
            try head.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
            let headWait = try head.secondsUntilClosed(waitingAtMost: 10)
            #expect(headWait >= 0.9 && headWait < 5, "closed after \(headWait) s")
            // A body that stops halfway: closed after the body timeout.
            let body = try RawConnection(port: port)
            try body.send("POST /v1/stations/along HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"type\":")
            let bodyWait = try body.secondsUntilClosed(waitingAtMost: 10)
            #expect(bodyWait >= 0.9 && bodyWait < 5, "closed after \(bodyWait) s")
        }
    }

    @Test func theDocumentStatesEveryLimit() throws {
        let document = try OpenAPIContractTests.document()
        let paths = try #require(document["paths"] as? [String: Any])
        for route in APIRoute.all {
            let item = try #require(paths[route.path] as? [String: Any], "\(route.path)")
            let operation = try #require(item[route.method.rawValue.lowercased()] as? [String: Any], "\(route.method) \(route.path)")
            let responses = try #require(operation["responses"] as? [String: Any])
            #expect(responses["414"] != nil, "\(route.method) \(route.path) lacks 414")
            let heavy = RequestLoad.heavyRoutes.contains(route) || route == .alongPolyline || route == .alongGeoJSON
            let write = [.post, .put, .delete].contains(route.method) && route != .alongGeoJSON
            if heavy { #expect(responses["503"] != nil, "\(route.method) \(route.path) lacks 503") }
            if heavy || write { #expect(responses["429"] != nil, "\(route.method) \(route.path) lacks 429") }
        }
    }
}

/// Behind a trusted proxy, clients are told apart by `X-Forwarded-For`; from anyone else the header is
/// ignored (a live server, so requests have a peer address: 127.0.0.1).
struct ForwardedClientTests {
    static func forwarded(_ address: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[ForwardedClientMiddleware.forwardedFor] = address
        return headers
    }

    /// The status of a report write from each of `clients` in turn, with one write a minute per client.
    static func statuses(trustedProxies: Set<String>, clients: [String]) async throws -> [HTTPResponse.Status] {
        var services = try await TestLedger.services()
        services.limits = ServiceLimits(writesPerMinute: 1, trustedProxies: trustedProxies)
        let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            for address in clients {
                statuses.append(try await client.execute(
                    uri: "/v1/stations/NOPE/reports", method: .post, headers: forwarded(address),
                    body: ByteBuffer(string: #"{"kind":"closed"}"#)) { $0.status })
            }
            return statuses
        }
    }

    @Test func aTrustedProxysClientsAreCountedApart() async throws {
        // 404: admitted (no such station); 429: the client's one write a minute is spent.
        let statuses = try await Self.statuses(trustedProxies: ["127.0.0.1"], clients: ["203.0.113.7", "203.0.113.8", "203.0.113.7"])
        #expect(statuses == [.notFound, .notFound, .tooManyRequests])
    }

    @Test func theHeaderIsIgnoredFromAnUntrustedPeer() async throws {
        let statuses = try await Self.statuses(trustedProxies: [], clients: ["203.0.113.7", "203.0.113.8"])
        #expect(statuses == [.notFound, .tooManyRequests])
    }

    @Test func theClientIsTheLastAddressNotAProxy() {
        let proxies: Set<String> = ["10.0.0.2", "127.0.0.1"]
        #expect(ForwardedClientMiddleware.client(forwardedFor: "198.51.100.1, 203.0.113.9, 10.0.0.2", trustedProxies: proxies) == "203.0.113.9")
        #expect(ForwardedClientMiddleware.client(forwardedFor: " 203.0.113.9 ", trustedProxies: proxies) == "203.0.113.9")
        #expect(ForwardedClientMiddleware.client(forwardedFor: "10.0.0.2, 127.0.0.1", trustedProxies: proxies) == nil)
        #expect(ForwardedClientMiddleware.client(forwardedFor: "", trustedProxies: proxies) == nil)
    }
}
