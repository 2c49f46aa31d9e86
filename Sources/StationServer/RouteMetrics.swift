import Hummingbird
import Prometheus
import Synchronization

/// Prometheus metrics for the API: a request counter and a latency histogram per route,
/// method and status, and the number of stations in the live index.
///
/// Uses its own registry rather than the process-wide `MetricsSystem`, so each application
/// (and each test) has independent figures.
public final class RouteMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let stationsIndexed: Gauge
    static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5),
    ]

    // Computed: the descriptor type is not Sendable, so it cannot be a stored static.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "stationfinder", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by route, method and status.")
    }
    static var latency: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "stationfinder", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time to answer an HTTP request, by route and method.")
    }

    public init() {
        stationsIndexed = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "stationfinder", metricName: "stations", unitName: "indexed",
            helpText: "Active stations in the in-memory nearest-station index."))
    }

    func record(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.latency, labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String { registry.emitToString() }
}

/// Records each request in ``RouteMetrics`` under its route pattern (not the raw path, which
/// would make one series per station id).
struct RouteMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RouteMetrics

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                           status: response.status.code, duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                           status: status, duration: ContinuousClock.now - start)
            throw error
        }
    }
}
