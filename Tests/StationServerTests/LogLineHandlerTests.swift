import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
@testable import StationServer

@Suite("Log lines")
struct LogLineHandlerTests {
    /// Collects what a handler writes.
    final class Lines: Sendable {
        let written = Mutex<[String]>([])
        func append(_ line: String) { written.withLock { $0.append(line) } }
        var all: [String] { written.withLock { $0 } }
    }

    @Test("one line per message: time, level, label, message, then metadata sorted by key")
    func format() {
        let lines = Lines()
        var logger = Logger(label: "stationfinder") { label in LogLineHandler(label: label) { lines.append($0) } }
        logger[metadataKey: "hb.request.id"] = "42"
        logger.info("ledger loaded", metadata: ["stations_indexed": "9213", "districts": "16"])
        logger.debug("not at info level")
        let written = lines.all
        #expect(written.count == 1)
        let line = written.first ?? ""
        // 2026-11-21T20:00:00Z info stationfinder: ledger loaded districts=16 hb.request.id=42 stations_indexed=9213
        #expect(line.hasSuffix(" info stationfinder: ledger loaded districts=16 hb.request.id=42 stations_indexed=9213\n"))
        #expect(line.count == 20 + " info stationfinder: ledger loaded districts=16 hb.request.id=42 stations_indexed=9213\n".count)
    }

    @Test("setting metadata writes nothing; errors are appended")
    func quietUntilLogged() {
        let lines = Lines()
        var logger = Logger(label: "x") { label in LogLineHandler(label: label) { lines.append($0) } }
        for i in 0..<100 { logger[metadataKey: "request"] = "\(i)" }
        #expect(lines.all.isEmpty)
        logger.error("failed", error: APIError.invalid("limit", "bad"))
        #expect(lines.all.count == 1)
        #expect(lines.all[0].contains(" error x: failed request=99 error="))
    }

    @Test("the access log: one line per request with method, target, status and time; none when off")
    func accessLog() async throws {
        for enabled in [true, false] {
            let lines = Lines()
            let logger = Logger(label: "stationfinder") { label in LogLineHandler(label: label) { lines.append($0) } }
            let app = Application(router: buildRouter(try await TestLedger.services(), accessLog: enabled),
                                  configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/hours/check?expr=24/7&at=2026-01-01T00:00", method: .get) { _ in }
                try await client.execute(uri: "/healthz?x=1", method: .get) { _ in }
            }
            let requests = lines.all.filter { $0.contains(" info stationfinder: GET ") }
            if enabled {
                #expect(requests.count == 2, "\(lines.all)")
                #expect(requests.first?.contains("GET /v1/hours/check?expr=24/7&at=2026-01-01T00:00 200 ") == true)
                #expect(requests.last?.contains("GET /healthz?x=1 400 ") == true)
            } else {
                #expect(requests.isEmpty)
            }
        }
    }
}
