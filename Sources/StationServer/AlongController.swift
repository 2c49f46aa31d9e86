import Foundation
import Hummingbird
import StationApp
import StationCore
import StationWire
import StationGeometry

/// `/v1/stations/along`: stations a worker can stop at along a route (GET with an encoded polyline, POST
/// with a GeoJSON LineString), with nearest's filters, access rules and open policy.
struct AlongController: Sendable {
    let ledger: LedgerService
    let reports: FieldReportService

    /// The largest route body: 10,000 positions of GeoJSON with room to spare.
    static let maxBodyBytes = 1024 * 1024

    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.alongPolyline, use: alongPolyline)
        router.add(.alongGeoJSON, use: alongGeoJSON)
    }

    @Sendable func alongPolyline(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        guard let text = q.parameters["polyline"], !text.isEmpty else {
            throw APIError.invalid("polyline", "missing required parameter 'polyline' (a Google encoded polyline)")
        }
        let precision = try q.int("precision") ?? 5
        let route: [LonLat]
        do {
            route = try RouteInput.polyline(text, precision: precision)
        } catch {
            throw APIError.invalid(error.field, error.reason)
        }
        return try await answer(route: route, routeField: "polyline", q, context: context)
    }

    @Sendable func alongGeoJSON(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let body = try await request.body.collect(upTo: Self.maxBodyBytes)
        let route: [LonLat]
        do {
            route = try RouteInput.geoJSON(Data(buffer: body))
        } catch {
            throw APIError(.unprocessableContent, code: "invalid_route", message: error.reason, field: error.field)
        }
        return try await answer(route: route, routeField: "coordinates", q, context: context)
    }

    /// Reads the shared parameters, answers and writes the JSON (compact on request).
    private func answer(route: [LonLat], routeField: String, _ q: QueryReader, context: StationRequestContext) async throws -> Response {
        let query = AlongQuery(
            route: route,
            crs: try q.choice("crs", as: CoordinateSystem.self) ?? .wgs84,
            atEpochSeconds: q.string("at") == nil ? reports.clock.nowEpochSeconds() : try q.epochSeconds("at"),
            limit: try q.int("limit") ?? AlongQuery.defaultLimit,
            maxDetourMetres: try q.double("max_detour") ?? AlongQuery.defaultMaxDetourMetres,
            requiredAmenities: try q.amenities(),
            grades: try q.grades(),
            memberOrganization: try context.caller.memberOrganization(asking: q.string("member")),
            mode: try q.choice("mode", as: TravelMode.self) ?? .walk,
            openPolicy: try q.choice("open", as: OpenPolicy.self) ?? .arrival,
            minOpenMinutes: try q.int("min_open_minutes") ?? 10)
        let compact = try q.bool("compact")
        var answer: AlongAnswer
        let catalog = ledger.snapshot.catalog
        do {
            // A long route is seconds of work: off the request tasks, as the other heavy routes.
            answer = route.count > RequestLoad.longRoutePositions
                ? try await offload { try catalog.along(query) }
                : try catalog.along(query)
        } catch let error as AlongQueryError {
            throw APIError.invalid(error.field(route: routeField), error.description)
        }
        reports.closedReports.annotate(&answer, nowEpochSeconds: reports.clock.nowEpochSeconds())
        return answer.withJSONBytes(compact: compact) { Response.json(ByteBuffer(bytes: $0)) }
    }
}

extension AlongQueryError {
    /// The parameter or body field at fault; `route` names the route's own field.
    func field(route: String) -> String {
        switch self {
        case .tooFewVertices, .tooManyVertices: route
        case .vertexOutOfRange(let i, _), .coordinateSystem(let i, _): route == "polyline" ? route : "\(route)[\(i)]"
        case .detourOutOfRange: "max_detour"
        case .filter(let e): e.field
        }
    }
}
