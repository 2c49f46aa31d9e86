import Foundation
import Hummingbird
import StationApp

/// `/healthz`, `/metrics` and `/openapi.yaml`: the routes operators and tools call.
struct SystemController: Sendable {
    let ledger: LedgerService
    let metrics: RouteMetrics

    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.health, use: health)
        router.add(.metrics, use: renderMetrics)
        router.add(.openAPI, use: openAPI)
    }

    struct Health: Encodable {
        var status: String
        var stations_indexed: Int
        /// The ledger version the index was built from, and when (UTC, ISO 8601).
        var ledger_version: Int64
        var snapshot_built_at: String
        /// Whether the ledger's database answers (`ok` or `unavailable`), and since when (UTC, ISO 8601).
        var ledger: String
        var ledger_since: String
    }

    @Sendable func health(_ request: Request, context: StationRequestContext) async throws -> Response {
        let snapshot = ledger.snapshot
        let health = Health(status: "ok", stations_indexed: snapshot.catalog.indexedCount,
                            ledger_version: snapshot.ledgerVersion,
                            snapshot_built_at: snapshot.builtAt.formatted(.iso8601),
                            ledger: ledger.availability.state.rawValue,
                            ledger_since: ledger.availability.since.formatted(.iso8601))
        return Response.json(try JSONEncoder.sorted.encode(health))
    }

    @Sendable func renderMetrics(_ request: Request, context: StationRequestContext) async throws -> Response {
        metrics.stationsIndexed.set(Int64(ledger.snapshot.catalog.indexedCount))
        return Response.text(metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    @Sendable func openAPI(_ request: Request, context: StationRequestContext) async throws -> Response {
        Response.text(OpenAPIDocument.yaml, contentType: "application/yaml; charset=utf-8")
    }
}

/// The OpenAPI 3.1 description of every route, bundled as a resource.
public enum OpenAPIDocument {
    public static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "openapi: 3.1.0\ninfo: {title: StationFinder API, version: unknown}\npaths: {}\n" }
        return text
    }()
}
