import Foundation
import Hummingbird
import HummingbirdTesting
import StationApp
import StationServer
import StationStore
import Testing

/// Builds the real application over ``TestLedger`` and runs `body` against it without sockets.
func withTestApp(
    _ body: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void
) async throws {
    let services = try await TestLedger.services()
    let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.router) { client in try await body(client, services) }
}

/// The JSON object of a response body.
func json(_ response: TestResponse) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    return try #require(value as? [String: Any], "expected a JSON object, got \(String(buffer: response.body))")
}

/// The JSON array of a response body.
func jsonArray(_ response: TestResponse) throws -> [[String: Any]] {
    let value = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    return try #require(value as? [[String: Any]], "expected a JSON array, got \(String(buffer: response.body))")
}

/// Checks the error shape `{"error": {"code", "message", "field"}}`.
func expectError(_ response: TestResponse, status: HTTPResponse.Status, code: String, field: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
    _ = try errorObject(response, status: status, code: code, field: field, sourceLocation: sourceLocation)
}

/// Checks the error shape like ``expectError`` and returns the inner object.
func errorObject(_ response: TestResponse, status: HTTPResponse.Status, code: String, field: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    #expect(response.status == status, "body: \(String(buffer: response.body))", sourceLocation: sourceLocation)
    let error = try #require(try json(response)["error"] as? [String: Any], sourceLocation: sourceLocation)
    #expect(error["code"] as? String == code, sourceLocation: sourceLocation)
    #expect((error["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    if let field { #expect(error["field"] as? String == field, sourceLocation: sourceLocation) }
    return error
}

/// Headers with a bearer key.
func bearer(_ secret: String) -> HTTPFields {
    var h = HTTPFields()
    h[.authorization] = "Bearer \(secret)"
    return h
}

/// Headers with a bearer key and a content type.
func bearer(_ secret: String, contentType: String) -> HTTPFields {
    var h = bearer(secret)
    h[.contentType] = contentType
    return h
}
