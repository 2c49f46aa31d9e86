import Hummingbird

/// Refuses a request target longer than the limit (414) or carrying more query parameters than the
/// limit (400), before anything reads its parameters.
struct RequestSizeMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxURLBytes: Int
    let maxQueryParameters: Int

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let target = request.uri.string.utf8
        if target.count > maxURLBytes {
            throw APIError(.uriTooLong, code: "uri_too_long",
                           message: "the request target is \(target.count) bytes; at most \(maxURLBytes) are accepted (send a long route as GeoJSON with POST /v1/stations/along)")
        }
        if let question = target.firstIndex(of: UInt8(ascii: "?")) {
            // Pairs as QueryParameters counts them: separated by `&`, empty ones skipped, up to a `#`.
            let query = target[target.index(after: question)...].prefix { $0 != UInt8(ascii: "#") }
            let pairs = query.split(separator: UInt8(ascii: "&")).count
            if pairs > maxQueryParameters {
                throw APIError(.badRequest, code: "too_many_parameters",
                               message: "the request has \(pairs) query parameters; at most \(maxQueryParameters) are accepted")
            }
        }
        return try await next(request, context)
    }
}
