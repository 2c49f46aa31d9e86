import Foundation
import Hummingbird
import HummingbirdTesting
import StationCore
import StationApp
import StationServer
import StationStore
import Synchronization
import Testing

/// A clock a test sets and moves by hand.
final class TestClock: Sendable {
    let now: Atomic<Int64>
    init(_ start: Int64) { now = Atomic(start) }
    func advance(_ seconds: Int64) { now.add(seconds, ordering: .relaxed) }
    var serviceClock: ServiceClock { ServiceClock { [self] in now.load(ordering: .relaxed) } }
}

/// Monday 2026-11-23 10:00 Beijing time.
let reportTestNow = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-11-23T10:00")!)

/// The test application on a clock the test controls.
func withReportApp(
    _ body: @escaping @Sendable (any TestClientProtocol, AppServices, TestClock) async throws -> Void
) async throws {
    let clock = TestClock(reportTestNow)
    let services = try await AppServices(store: try TestLedger.database(), clock: clock.serviceClock)
    let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.router) { client in try await body(client, services, clock) }
}

/// POSTs a report body to a station.
func fileReport(_ client: any TestClientProtocol, _ station: String, _ body: String, headers: HTTPFields = [:],
                _ check: @escaping @Sendable (TestResponse) async throws -> Void) async throws {
    var h = headers
    h[.contentType] = "application/json"
    try await client.execute(uri: "/v1/stations/\(station)/reports", method: .post, headers: h,
                             body: ByteBuffer(string: body), testCallback: check)
}

struct ReportRouteTests {
    @Test func aReportIsStoredWithItsRoleAndTimeAndCountedFor7Days() async throws {
        try await withReportApp { client, services, _ in
            // Two closed reports inside the window (1 day and 6 days 23 hours ago), one 8 days ago, one of another kind.
            for at in ["2026-11-22T10:00", "2026-11-16T11:00", "2026-11-15T09:00"] {
                try await fileReport(client, "T-1", #"{"kind":"closed","at":"\#(at)","note":"door locked"}"#) { response in
                    #expect(response.status == .created)
                    let report = try json(response)
                    #expect(report["id"] as? Int != nil)
                    #expect(report["reporter"] as? String == "anonymous")
                    #expect(report["observed_at"] as? String == at)
                    #expect(report["status"] as? String == "open")
                }
            }
            try await fileReport(client, "T-1", #"{"kind":"amenity_missing","amenity":"toilet"}"#) { response in
                #expect(response.status == .created)
                let report = try json(response)
                #expect(report["observed_at"] as? String == "2026-11-23T10:00")
            }
            try await client.execute(uri: "/v1/stations/nearest?lon=116.40&lat=39.90&at=2026-11-23T10:00&open=now", method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.map { $0["closed_reports_7d"] as? Int } == [2, 0])
            }
            try await client.execute(uri: "/v1/stations/T-1", method: .get) { response in
                let reports = try #require(try json(response)["reports"] as? [String: Any])
                #expect(reports["closed_7d"] as? Int == 2)
                #expect(reports["last_closed_at"] as? String == "2026-11-22T10:00")
                #expect(reports["unresolved"] as? Int == 4)
            }
            // Resolving one takes it out of the count; nothing about the station itself changes.
            let (_, editor) = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let open = try await services.ledger.store.reports(sinceEpochSeconds: nil, district: nil, kind: .closed, status: .open)
            try await client.execute(uri: "/v1/reports/\(open[0].id)/resolve", method: .post, headers: bearer(editor)) { response in
                #expect(response.status == .ok)
                let report = try json(response)
                #expect(report["status"] as? String == "resolved")
                #expect((report["resolved_by"] as? String)?.hasPrefix("api:editor:") == true)
            }
            try await client.execute(uri: "/v1/stations/T-1", method: .get) { response in
                let object = try json(response)
                #expect((object["reports"] as? [String: Any])?["closed_7d"] as? Int == 1)
                #expect(object["status"] as? String == "active")
            }
        }
    }

    @Test func theCountFollowsTheClock() async throws {
        try await withReportApp { client, _, clock in
            try await fileReport(client, "T-1", #"{"kind":"closed"}"#) { #expect($0.status == .created) }
            clock.advance(7 * 86_400 - 1)
            try await client.execute(uri: "/v1/stations/T-1", method: .get) { response in
                let reports = try json(response)["reports"] as? [String: Any]
                #expect(reports?["closed_7d"] as? Int == 1)
            }
            clock.advance(1)
            try await client.execute(uri: "/v1/stations/T-1", method: .get) { response in
                let reports = try json(response)["reports"] as? [String: Any]
                #expect(reports?["closed_7d"] as? Int == 0)
            }
        }
    }

    @Test func badReportsAreRefusedAndNothingIsStored() async throws {
        try await withReportApp { client, services, _ in
            try await fileReport(client, "T-1", #"{"kind":"haunted"}"#) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "kind") }
            try await fileReport(client, "T-1", #"{"note":"no kind"}"#) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "kind") }
            let long = String(repeating: "长", count: 501)
            try await fileReport(client, "T-1", #"{"kind":"other","note":"\#(long)"}"#) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "note") }
            try await fileReport(client, "T-1", #"{"kind":"amenity_missing"}"#) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "amenity") }
            try await fileReport(client, "T-1", #"{"kind":"amenity_missing","amenity":"jacuzzi"}"#) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "amenity") }
            try await fileReport(client, "T-1", #"{"kind":"closed","at":"2026-12-01T10:00"}"#) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "at") }
            try await fileReport(client, "T-1", #"{"kind":"closed","at":"yesterday"}"#) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "at") }
            try await fileReport(client, "T-1", #"{"kind":"closed""#) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "body") }
            try await fileReport(client, "NOPE", #"{"kind":"closed"}"#) { try expectError($0, status: .notFound, code: "not_found") }
            // A members-only station is unknown to anyone but its members.
            try await fileReport(client, "T-3", #"{"kind":"closed"}"#) { try expectError($0, status: .notFound, code: "not_found") }
            let stored = try await services.ledger.store.reports(sinceEpochSeconds: nil, district: nil, kind: nil, status: nil)
            #expect(stored.isEmpty)
            // 501 characters are refused, 500 are fine.
            try await fileReport(client, "T-1", #"{"kind":"other","note":"\#(String(long.dropFirst()))"}"#) { #expect($0.status == .created) }
        }
    }

    @Test func onlyAuditorsAndEditorsReadReportsAndOnlyEditorsResolve() async throws {
        try await withReportApp { client, services, _ in
            let db = services.ledger.store
            let (_, member) = try await db.createKey(role: .member, organization: "Acme Couriers")
            let (_, auditor) = try await db.createKey(role: .auditor, organization: nil)
            try await fileReport(client, "T-3", #"{"kind":"moved"}"#, headers: bearer(member)) { response in
                #expect(response.status == .created)
                let report = try json(response)
                #expect(report["reporter"] as? String == "member")
            }
            try await fileReport(client, "T-2", #"{"kind":"closed","at":"2026-11-20T09:00"}"#) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/reports", method: .get) { try expectError($0, status: .unauthorized, code: "unauthorized") }
            try await client.execute(uri: "/v1/reports", method: .get, headers: bearer(member)) { try expectError($0, status: .forbidden, code: "forbidden") }
            try await client.execute(uri: "/v1/reports", method: .get, headers: bearer(auditor)) { response in
                let ids = try jsonArray(response).compactMap { $0["station_id"] as? String }
                #expect(ids == ["T-3", "T-2"])
            }
            try await client.execute(uri: "/v1/reports?kind=closed&since=2026-11-20T00:00&district=Dongcheng&status=open", method: .get, headers: bearer(auditor)) { response in
                let ids = try jsonArray(response).compactMap { $0["station_id"] as? String }
                #expect(ids == ["T-2"])
            }
            try await client.execute(uri: "/v1/reports?since=2026-11-21T00:00", method: .get, headers: bearer(auditor)) { response in
                let ids = try jsonArray(response).compactMap { $0["station_id"] as? String }
                #expect(ids == ["T-3"])
            }
            try await client.execute(uri: "/v1/reports?district=Atlantis", method: .get, headers: bearer(auditor)) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "district") }
            try await client.execute(uri: "/v1/reports?kind=haunted", method: .get, headers: bearer(auditor)) { try expectError($0, status: .badRequest, code: "invalid_parameter", field: "kind") }
            try await client.execute(uri: "/v1/reports/1/resolve", method: .post, headers: bearer(auditor)) { try expectError($0, status: .forbidden, code: "forbidden") }
            let (_, editor) = try await db.createKey(role: .editor, organization: nil)
            try await client.execute(uri: "/v1/reports/999/resolve", method: .post, headers: bearer(editor)) { try expectError($0, status: .notFound, code: "not_found") }
        }
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        try await withReportApp { client, _, clock in
            // Five an hour about one station: the sixth, ten minutes after the first, waits 50 minutes.
            for _ in 0..<5 {
                try await fileReport(client, "T-1", #"{"kind":"closed"}"#) { #expect($0.status == .created) }
                clock.advance(120)
            }
            try await fileReport(client, "T-1", #"{"kind":"closed"}"#) { response in
                try expectError(response, status: .tooManyRequests, code: "rate_limited")
                #expect(response.headers[.retryAfter] == "3000")
            }
            // Another station is still fine, and an hour after the first report one more is allowed here.
            try await fileReport(client, "T-2", #"{"kind":"closed"}"#) { #expect($0.status == .created) }
            clock.advance(3000)
            try await fileReport(client, "T-1", #"{"kind":"closed"}"#) { #expect($0.status == .created) }
        }
    }

    @Test func rateLimitPerClientAcrossStations() async throws {
        try await withReportApp { client, services, _ in
            for station in ["T-1", "T-2", "T-4", "T-5"] {
                for _ in 0..<5 {
                    try await fileReport(client, station, #"{"kind":"other"}"#) { #expect($0.status == .created) }
                }
            }
            // Twenty in the hour from this client: a key is a different client.
            try await fileReport(client, "T-1", #"{"kind":"other"}"#) { response in
                try expectError(response, status: .tooManyRequests, code: "rate_limited")
                #expect(response.headers[.retryAfter] == "3600")
            }
            let (_, auditor) = try await services.ledger.store.createKey(role: .auditor, organization: nil)
            try await fileReport(client, "T-1", #"{"kind":"other"}"#, headers: bearer(auditor)) { #expect($0.status == .created) }
            let stored = try await services.ledger.store.reports(sinceEpochSeconds: nil, district: nil, kind: nil, status: nil)
            #expect(stored.count == 21)
        }
    }
}

/// The limiter itself: hashes only, forgotten with the day.
struct ReportRateLimiterTests {
    @Test func hashesAreForgottenWhenTheDayChanges() {
        let limiter = ReportRateLimiter(perStation: 1, perClient: 10)
        let day = Int64(20_000) * 86_400
        #expect(limiter.admit(client: "192.0.2.1", stationID: "S", now: day + 86_000) == nil)
        #expect(limiter.admit(client: "192.0.2.1", stationID: "S", now: day + 86_100) == 3_500)
        #expect(limiter.heldHashes == 1)
        // A new UTC day: a new salt, and the old hashes are dropped (the window restarts with them).
        #expect(limiter.admit(client: "192.0.2.2", stationID: "S", now: day + 86_400) == nil)
        #expect(limiter.heldHashes == 1)
        #expect(limiter.admit(client: "192.0.2.1", stationID: "S", now: day + 86_401) == nil)
    }
}
