import CompressNIO
import HTTPTypes
import Hummingbird

/// Compresses response bodies larger than ``minimumBytes`` with gzip when the request's `Accept-Encoding`
/// allows it (phones on slow links): through compress-nio (zlib), never a hand-written deflate.
///
/// Only bodies whose length is known are compressed (every JSON answer here); streamed bodies and
/// responses that already carry a `Content-Encoding` pass unchanged. Every response that could have been
/// compressed says `Vary: Accept-Encoding`, so caches keep the two forms apart.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// 1 KB: below it gzip's header and a round trip's worth of bytes make compression pointless.
    static var minimumBytes: Int { 1024 }

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        guard let length = response.body.contentLength, length > Self.minimumBytes,
            response.headers[.contentEncoding] == nil
        else { return response }
        response.headers[.vary] = "Accept-Encoding"
        guard Self.acceptsGzip(request.headers[.acceptEncoding]) else { return response }
        let collector = BodyCollector(capacity: length)
        try await response.body.write(collector)
        var plain = collector.buffer
        let compressed = try plain.compress(with: .gzip())
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        response.body = ResponseBody(byteBuffer: compressed)
        return response
    }

    /// Whether an `Accept-Encoding` value allows gzip: listed (or `*`) without `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let refused = parts.dropFirst().contains { p in
                p.hasPrefix("q=") && (Double(p.dropFirst(2)) ?? 1) == 0
            }
            return !refused
        }
        return false
    }
}

/// Gathers a response body's buffers into one (a class: writing the body consumes the writer, and the
/// buffer is read back afterwards).
private final class BodyCollector: ResponseBodyWriter {
    var buffer: ByteBuffer

    init(capacity: Int) {
        buffer = ByteBuffer()
        buffer.reserveCapacity(capacity)
    }

    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.writeBuffer(&part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
