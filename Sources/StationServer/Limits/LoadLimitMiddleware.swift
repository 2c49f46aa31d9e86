import Hummingbird

/// The per-client rate limits (429) and the heavy routes' bounded admission (503), both with
/// `Retry-After` in seconds. See ``ServiceLimits`` for what counts as heavy and as a write.
struct LoadLimitMiddleware: RouterMiddleware {
    typealias Context = StationRequestContext

    let gate: HeavyWorkGate
    let heavyRate: ClientRateLimiter
    let writeRate: ClientRateLimiter
    private let origin = ContinuousClock.now

    init(_ limits: ServiceLimits) {
        gate = HeavyWorkGate(workers: limits.heavyWorkers, queue: limits.heavyQueue)
        heavyRate = ClientRateLimiter(perMinute: limits.heavyPerMinute)
        writeRate = ClientRateLimiter(perMinute: limits.writesPerMinute)
    }

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // The route StrictQueryMiddleware found, or (when it did not run before this) found here.
        guard let route = context.route ?? APIRoute.route(method: request.method, path: request.uri.path[...]) else {
            return try await next(request, context)
        }
        switch RequestLoad.of(route, request) {
        case .light:
            return try await next(request, context)
        case .write:
            try admit(context, to: writeRate, what: "writes")
            return try await next(request, context)
        case .heavy:
            try admit(context, to: heavyRate, what: "heavy requests (coverage, gaps, profile, export, recommend, long routes)")
            guard await gate.enter() else {
                let (running, waiting) = gate.load
                let seconds = 1 + waiting / max(1, running)
                var busy = APIError(.serviceUnavailable, code: "busy",
                                    message: "all \(gate.workers) workers for heavy requests are busy and \(waiting) requests wait; try again in \(seconds) seconds")
                busy.headers[.retryAfter] = String(seconds)
                throw busy
            }
            defer { gate.leave() }
            return try await next(request, context)
        }
    }

    private func admit(_ context: Context, to limiter: ClientRateLimiter, what: String) throws {
        let elapsed = ContinuousClock.now - origin
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if let seconds = limiter.admit(client: context.clientIdentity, now: now) {
            var refusal = APIError(.tooManyRequests, code: "rate_limited",
                                   message: "too many \(what) from this client (at most \(limiter.perMinute) a minute); try again in \(seconds) seconds")
            refusal.headers[.retryAfter] = String(seconds)
            throw refusal
        }
    }
}

/// How much a request weighs, for ``LoadLimitMiddleware``.
enum RequestLoad: Equatable {
    case light, write, heavy

    static let heavyRoutes: Set<APIRoute> = [.coverage, .gaps, .profile, .export, .recommend]
    /// A route with more positions than this is computed off the request tasks.
    static let longRoutePositions = 500
    /// A GeoJSON route body longer than this (about 700 positions), or of unknown length, makes it heavy.
    static let longRouteBodyBytes = 16 * 1_024

    static func of(_ route: APIRoute, _ request: Request) -> RequestLoad {
        if heavyRoutes.contains(route) { return .heavy }
        if route == .alongPolyline {
            let positions = request.uri.query.map { polylinePositions(inQuery: $0) } ?? 0
            return positions > longRoutePositions ? .heavy : .light
        }
        if route == .alongGeoJSON {
            let length = request.headers[.contentLength].flatMap { Int($0) }
            return length.map { $0 > longRouteBodyBytes } ?? true ? .heavy : .light
        }
        switch request.method {
        case .post, .put, .delete, .patch: return .write
        default: return .light
        }
    }

    /// How many positions the `polyline` parameter of a raw query string encodes, without decoding
    /// the polyline: in Google's encoding every value ends with a byte from `?` to `^` (63...94; the
    /// bytes of a value that continues are 95 and up), and a position is two values.
    static func polylinePositions(inQuery query: String) -> Int {
        var values = 0
        for pair in query.split(separator: "&") where pair.hasPrefix("polyline=") {
            for byte in QueryParameters.decoded(pair.dropFirst("polyline=".count)).utf8 where byte >= 63 && byte < 95 {
                values += 1
            }
        }
        return values / 2
    }
}
