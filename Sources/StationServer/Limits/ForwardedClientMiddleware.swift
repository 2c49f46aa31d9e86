import Hummingbird
import HTTPTypes
import StationCore

/// Behind a balancer every request arrives from the balancer's address, so per-client limits (the rate
/// limits, field reports' limits) would count all clients as one. For a request from a trusted proxy
/// (`serve --trusted-proxy ADDRESS`), the client is the last address in `X-Forwarded-For` that is not
/// itself a trusted proxy; from anyone else the header is ignored, so a client cannot choose its own
/// identity by sending one.
struct ForwardedClientMiddleware: RouterMiddleware {
    typealias Context = StationRequestContext

    let trustedProxies: Set<String>

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard !trustedProxies.isEmpty, let header = request.headers[Self.forwardedFor],
              let peer = context.remoteIP, trustedProxies.contains(peer),
              let client = Self.client(forwardedFor: header, trustedProxies: trustedProxies)
        else {
            return try await next(request, context)
        }
        var context = context
        context.forwardedClient = client
        return try await next(request, context)
    }

    /// The rightmost address of an `X-Forwarded-For` list that is not a trusted proxy (each proxy appends
    /// the address it received the request from); nil when there is none.
    static func client(forwardedFor header: String, trustedProxies: Set<String>) -> String? {
        header.split(separator: ",").reversed()
            .map { $0.trimmingWhitespace() }
            .first { !$0.isEmpty && !trustedProxies.contains($0) }
    }
}
