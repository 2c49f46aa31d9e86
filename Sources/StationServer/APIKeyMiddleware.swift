import Foundation
import Hummingbird
import StationApp
import StationStore

/// Reads `Authorization: Bearer KEY` and sets the request's ``Caller``.
///
/// No header means anonymous. A header with an unknown or revoked key is refused with 401 even
/// on public routes, so a misconfigured client learns at once that its key is not working.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = StationRequestContext
    let keys: KeyVerifier

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, code: "unauthorized", message: "Authorization must be 'Bearer KEY'")
        }
        guard let key = try await keys.verify(String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.unauthorized, code: "unauthorized", message: "unknown or revoked API key")
        }
        var context = context
        context.caller = .key(id: key.id, role: key.role, organization: key.organization)
        return try await next(request, context)
    }
}
