import Foundation
import Hummingbird
import HummingbirdTesting
@testable import StationServer
import Testing

/// A graceful shutdown (SIGTERM) lets an answer already on its way arrive whole.
struct GracefulShutdownTests {
    /// Larger than loopback's socket buffers on both ends together, so most of the body is still
    /// waiting in the server when the shutdown starts.
    static let bodyBytes = 32 * 1024 * 1024

    @Test func aLargeAnswerInFlightArrivesWholeWhenTheServerStops() async throws {
        let router = Router(context: StationRequestContext.self)
        router.get("/big") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                     body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: Self.bodyBytes)))
        }
        let app = Application(router: router, server: .stationFinder(ServiceLimits()),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let reader = try await app.test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            try connection.send("GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n")
            // The client reads only after the shutdown below has begun (the end of this closure).
            let reader = Task.detached { try connection.readToEnd(after: 0.5, waitingAtMost: 30) }
            try await Task.sleep(for: .milliseconds(200))
            return reader
        }
        let received = try await reader.value
        let headEnd = try #require(received.firstRange(of: Array("\r\n\r\n".utf8)))
        let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 200"))
        #expect(head.lowercased().contains("content-length: \(Self.bodyBytes)"))
        #expect(received.count - headEnd.upperBound == Self.bodyBytes)
    }
}
