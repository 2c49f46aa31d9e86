import Foundation
import HTTPTypes
import Hummingbird

/// The one error shape every 4xx and 5xx response has:
/// `{"error": {"code": "...", "message": "...", "field": "..."}}`.
///
/// `code` is a stable machine word (`invalid_parameter`, `not_found`, ...), `message` a sentence
/// for a person, and `field` the query parameter or body field at fault when there is one.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var field: String?
    /// Itemised problems, e.g. one line per invalid ledger row.
    public var details: [String]?
    /// Sent as `Retry-After` (seconds) with a 429.
    public var retryAfterSeconds: Int64?

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    /// A 400 for a query parameter or body field the caller got wrong.
    public static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", message: message, field: field)
    }

    /// A 404 for a thing that is not there.
    public static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message: message)
    }

    struct Body: Encodable {
        struct Inner: Encodable {
            var code: String
            var message: String
            var field: String?
            var details: [String]?
        }
        var error: Inner
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Body(error: .init(code: code, message: message, field: field, details: details)))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
