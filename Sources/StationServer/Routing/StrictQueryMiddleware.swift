import Hummingbird

/// Refuses, before any handler runs, a query parameter the route does not read or a repeat of a
/// single-valued one (400 naming it), so a misspelt filter is never silently ignored.
struct StrictQueryMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let route = APIRoute.route(method: request.method, path: request.uri.path[...]) {
            try QueryReader(request).check(against: route)
        }
        return try await next(request, context)
    }
}

extension Router {
    /// Registers `handler` for a route of the table in ``APIRoute``.
    @discardableResult
    func add(_ route: APIRoute, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        on(RouterPath(route.path), method: route.method, use: handler)
    }
}
