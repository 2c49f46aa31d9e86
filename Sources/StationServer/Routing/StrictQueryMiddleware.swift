import Hummingbird

/// Finds the request's route in the table once (``StationRequestContext/route``, for the middleware
/// after it) and refuses, before any handler runs, a query parameter the route does not read or a
/// repeat of a single-valued one (400 naming it), so a misspelt filter is never silently ignored.
struct StrictQueryMiddleware: RouterMiddleware {
    typealias Context = StationRequestContext

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let route = APIRoute.route(method: request.method, path: request.uri.path[...]) else {
            return try await next(request, context)
        }
        try QueryReader(request).check(against: route)
        var context = context
        context.route = route
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
