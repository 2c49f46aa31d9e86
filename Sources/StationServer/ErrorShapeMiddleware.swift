import Hummingbird
import Logging
import StationApp
import StationStore

/// Turns every error a route throws into the ``APIError`` JSON shape, with no internals leaked.
///
/// Hummingbird's own errors (unknown route, body too large, bad JSON) keep their status; any
/// other error is a 500 whose details go to the log, not to the caller.
struct ErrorShapeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as LedgerUnavailableError {
            // Reads that need the database (history, a key's check) and every write, while it is down.
            var refusal = APIError(.serviceUnavailable, code: "ledger_unavailable",
                                   message: "the ledger's database is unavailable (\(error.reason)); reads from the last snapshot go on, try writes again later")
            refusal.headers[.retryAfter] = "5"
            throw refusal
        } catch let error as InputError {
            throw APIError.invalid(error.field, error.message)
        } catch let error as HTTPError where error.status == .notFound {
            // The router found no route for the method; when the path has others, say which.
            let allowed = APIRoute.methods(forPath: request.uri.path[...])
            guard !allowed.isEmpty else {
                throw APIError(.notFound, code: "not_found", message: error.body ?? Self.defaultMessage(for: .notFound))
            }
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            var refusal = APIError(.methodNotAllowed, code: "method_not_allowed",
                                   message: "\(request.method.rawValue) is not allowed on \(request.uri.path); allowed: \(list)")
            refusal.headers[.allow] = list
            throw refusal
        } catch let error as HTTPError {
            throw APIError(error.status, code: Self.code(for: error.status),
                           message: error.body ?? Self.defaultMessage(for: error.status))
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, code: Self.code(for: error.status),
                           message: Self.defaultMessage(for: error.status))
        } catch {
            context.logger.error("internal error", metadata: ["error": "\(String(reflecting: error))"])
            throw APIError(.internalServerError, code: "internal", message: "internal server error")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "unprocessable"
        default: status.code >= 500 ? "internal" : "error"
        }
    }

    static func defaultMessage(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "no such route; see /openapi.yaml for the API"
        case 413: "request body too large"
        default: status.reasonPhrase
        }
    }
}
