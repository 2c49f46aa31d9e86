import HTTPTypes

/// One route of the API as its contract states it: the method, the path template and the query
/// parameters it reads.
///
/// Controllers register their handlers from these values, ``QueryReader`` refuses any parameter a
/// route does not list, the error middleware answers 405 with `Allow` from them, and a test checks
/// that `openapi.yaml` describes exactly these routes and parameters. A new route is one more
/// value in ``APIRoute/all``.
public struct APIRoute: Sendable, Hashable {
    public let method: HTTPRequest.Method
    /// The path with `{name}` for a path parameter, as in OpenAPI.
    public let path: String
    /// Query parameters that take one value; a repeat is refused.
    public let single: Set<String>
    /// Query parameters that take a list: repeats and commas both add items.
    public let lists: Set<String>

    /// The template's segments, split once (`{id}` stays as written).
    let segments: [Substring]
    /// How many segments are `{parameters}`: the fewer, the more specific the route.
    let parameterSegments: Int

    init(_ method: HTTPRequest.Method, _ path: String, single: Set<String> = [], lists: Set<String> = []) {
        self.method = method
        self.path = path
        self.single = single
        self.lists = lists
        segments = path.split(separator: "/", omittingEmptySubsequences: false)
        parameterSegments = segments.filter { $0.first == "{" }.count
    }

    /// Every query parameter the route reads.
    public var parameters: Set<String> { single.union(lists) }

    /// Whether a request path, already split at `/`, matches this route's template.
    func matches(_ requestSegments: [Substring]) -> Bool {
        guard segments.count == requestSegments.count else { return false }
        return zip(segments, requestSegments).allSatisfy { w, g in
            w.first == "{" ? !g.isEmpty : w == g
        }
    }

    /// The route a request goes to, nil when none is declared.
    /// As the router does, a literal segment wins over a `{parameter}` (`/v1/stations/along` is not
    /// the station with id "along").
    static func route(method: HTTPRequest.Method, path requestPath: Substring) -> APIRoute? {
        let requestSegments = requestPath.split(separator: "/", omittingEmptySubsequences: false)
        return all.lazy.filter { $0.method == method && $0.matches(requestSegments) }
            .min { $0.parameterSegments < $1.parameterSegments }
    }

    /// The methods declared for a request path, for a 405's `Allow` header; empty when no route has the path.
    /// Only the most specific templates count, as the router matches them: `/v1/stations/along`
    /// allows GET and POST, not the PUT and DELETE of `/v1/stations/{id}`.
    static func methods(forPath requestPath: Substring) -> [HTTPRequest.Method] {
        let requestSegments = requestPath.split(separator: "/", omittingEmptySubsequences: false)
        let matching = all.filter { $0.matches(requestSegments) }
        guard let fewest = matching.map(\.parameterSegments).min() else { return [] }
        var methods: [HTTPRequest.Method] = []
        for route in matching where route.parameterSegments == fewest && !methods.contains(route.method) {
            methods.append(route.method)
        }
        return methods
    }
}

extension APIRoute {
    static let health = APIRoute(.get, "/healthz")
    static let metrics = APIRoute(.get, "/metrics")
    static let openAPI = APIRoute(.get, "/openapi.yaml")

    static let nearest = APIRoute(.get, "/v1/stations/nearest", single: [
        "lon", "lat", "crs", "at", "limit", "max_distance", "member", "mode", "open", "min_open_minutes", "compact",
    ], lists: ["amenities", "grades"])
    /// The route as the body (GeoJSON).
    static let alongGeoJSON = APIRoute(.post, "/v1/stations/along", single: [
        "crs", "at", "limit", "max_detour", "member", "mode", "open", "min_open_minutes", "compact",
    ], lists: ["amenities", "grades"])
    /// The route as an encoded polyline.
    static let alongPolyline = APIRoute(.get, "/v1/stations/along",
                                        single: alongGeoJSON.single.union(["polyline", "precision"]), lists: alongGeoJSON.lists)
    /// `at` and `any_time` only with `format=compact` (the map's stations layer).
    static let listStations = APIRoute(.get, "/v1/stations", single: ["bbox", "district", "format", "at", "any_time"],
                                       lists: ["amenities"])
    static let createStation = APIRoute(.post, "/v1/stations", single: ["crs"])
    static let importStations = APIRoute(.post, "/v1/stations/import", single: ["crs", "replace", "format", "confirm", "dry_run"])
    static let showStation = APIRoute(.get, "/v1/stations/{id}")
    static let replaceStation = APIRoute(.put, "/v1/stations/{id}", single: ["crs"])
    static let deleteStation = APIRoute(.delete, "/v1/stations/{id}")
    static let stationHistory = APIRoute(.get, "/v1/stations/{id}/history")
    static let fileReport = APIRoute(.post, "/v1/stations/{id}/reports")
    static let listReports = APIRoute(.get, "/v1/reports", single: ["since", "district", "kind", "status"])
    static let resolveReport = APIRoute(.post, "/v1/reports/{id}/resolve")

    static let districts = APIRoute(.get, "/v1/districts", single: ["format"])
    static let coverage = APIRoute(.get, "/v1/coverage", single: [
        "radius", "walk_minutes", "at", "any_time", "include_members_only", "format", "min_stations",
    ], lists: ["district"])
    static let gaps = APIRoute(.get, "/v1/gaps", single: [
        "district", "radius", "walk_minutes", "at", "any_time", "include_members_only", "cell", "top",
    ])
    static let profile = APIRoute(.get, "/v1/profile", single: [
        "district", "radius", "walk_minutes", "date", "include_members_only",
    ])
    static let export = APIRoute(.get, "/v1/export/coverage.geojson", single: [
        "radius", "walk_minutes", "at", "any_time", "include_members_only", "cell", "top",
    ], lists: ["district"])
    static let recommend = APIRoute(.get, "/v1/recommend", single: [
        "district", "count", "radius", "walk_minutes", "at", "any_time", "candidates", "min_stations",
        "include_members_only", "format",
    ])

    static let hoursCheck = APIRoute(.get, "/v1/hours/check", single: ["expr", "at"])

    static let root = APIRoute(.get, "/")
    /// The page reads these to preset its view (`/map?at=2026-11-23T23:00&district=朝阳区&radius=500`).
    static let map = APIRoute(.get, "/map", single: ["at", "any_time", "radius", "district"])
    static let mapAsset = APIRoute(.get, "/map/assets/{file}")
    static let leafletFile = APIRoute(.get, "/map/leaflet/{file}")
    static let leafletImage = APIRoute(.get, "/map/leaflet/images/{file}")

    /// Every route the service answers, in the order the OpenAPI document lists them.
    public static let all: [APIRoute] = [
        health, metrics, openAPI,
        nearest, listStations, createStation, importStations,
        showStation, replaceStation, deleteStation, stationHistory,
        districts, coverage, gaps, profile, export, recommend,
        hoursCheck,
        root, map, mapAsset, leafletFile, leafletImage,
        alongPolyline, alongGeoJSON, fileReport, listReports, resolveReport,
    ]
}
