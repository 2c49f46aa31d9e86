import Hummingbird
import StationApp
import StationCore
import StationWire

/// `GET /v1/stations/nearest`: the workers' question, the hot path of the service.
struct NearestController: Sendable {
    let ledger: LedgerService
    let reports: FieldReportService

    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.nearest, use: nearest)
    }

    @Sendable func nearest(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let query = NearestQuery(
            point: LonLat(lon: try q.requiredDouble("lon"), lat: try q.requiredDouble("lat")),
            crs: try q.choice("crs", as: CoordinateSystem.self) ?? .wgs84,
            atEpochSeconds: try q.epochSeconds("at"),
            limit: try q.int("limit") ?? 5,
            maxDistanceMetres: try q.double("max_distance"),
            requiredAmenities: try q.amenities(),
            grades: try q.grades(),
            memberOrganization: try context.caller.memberOrganization(asking: q.string("member")),
            mode: try q.choice("mode", as: TravelMode.self) ?? .walk,
            openPolicy: try q.choice("open", as: OpenPolicy.self) ?? .arrival,
            minOpenMinutes: try q.int("min_open_minutes") ?? 10)
        let compact = try q.bool("compact")
        var answer: NearestAnswer
        do {
            answer = try ledger.snapshot.catalog.nearest(query)
        } catch {
            throw APIError.invalid(error.field, error.description)
        }
        reports.closedReports.annotate(&answer, nowEpochSeconds: reports.clock.nowEpochSeconds())
        return answer.withJSONBytes(compact: compact) { Response.json(ByteBuffer(bytes: $0)) }
    }
}
