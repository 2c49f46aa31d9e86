import Foundation
import Hummingbird
import StationApp
import StationCore
import StationGeometry

/// `GET /v1/recommend`: where the next stations should go in a district (the CLI's `recommend`).
///
/// JSON by default, exactly the `recommend --json` document; GeoJSON (sites as Points, the rest
/// in a `recommendation` member) with `Accept: application/geo+json` or `format=geojson`. Demand
/// is the server's layer (`serve --demand FILE`), else spread evenly within the district.
struct RecommendController: Sendable {
    let ledger: LedgerService
    /// ``ServiceLimits/recommendBoundSeconds``.
    let boundSeconds: Double

    /// Most candidates a request may list inline.
    static let maxInlineCandidates = 5_000

    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.recommend, use: recommend)
    }

    @Sendable func recommend(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        let shape = try QueryReader.shape(named: try q.required("district"), in: snapshot)
        guard let count = try q.int("count") else { throw APIError.invalid("count", "missing required parameter 'count'") }
        let format = q.string("format")
        guard format == nil || format == "json" || format == "geojson" else {
            throw APIError.invalid("format", "unknown format '\(format ?? "")'; expected json or geojson")
        }
        let candidates = try q.string("candidates").map { text -> [CandidateSite] in
            let sites: [CandidateSite]
            do { sites = try CandidateSite.parseInline(text) } catch { throw APIError.invalid("candidates", "\(error)") }
            guard sites.count <= Self.maxInlineCandidates else {
                throw APIError.invalid("candidates", "at most \(Self.maxInlineCandidates) candidates, got \(sites.count)")
            }
            return sites
        }
        let options = RecommendOptions(coverage: try q.coverageOptions(context: context), count: count,
                                       minStations: try q.int("min_stations") ?? 1, candidates: candidates,
                                       boundSeconds: boundSeconds)
        do throws(RecommendError) { try options.validate() } catch { throw APIError.invalid(error.field, error.description) }
        let answer: SiteRecommendation
        do {
            answer = try await offload { try snapshot.coverage.recommend(in: shape, options: options) }
        } catch let error as RecommendError {
            throw APIError.invalid(error.field, error.description)
        }
        let wantsGeoJSON = format == "geojson" || (request.headers[.accept]?.contains("application/geo+json") ?? false)
        if wantsGeoJSON {
            return Response.json(Data(try answer.geoJSON().utf8), contentType: "application/geo+json")
        }
        return Response.json(answer.json())
    }
}
