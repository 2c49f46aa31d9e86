import Hummingbird
import Logging

/// One line per request at info level: method, target, status and time taken, e.g.
/// `GET /v1/stations/nearest?lon=116.4&lat=39.9 200 0.8ms`. `serve --quiet` leaves it out.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start, logger: context.logger)
            return response
        } catch {
            log(request, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start, logger: context.logger)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant, logger: Logger) {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let rounded = (ms * 10).rounded() / 10
        logger.info("\(request.method.rawValue) \(request.uri.string) \(status) \(rounded)ms")
    }
}
