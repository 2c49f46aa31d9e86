/// A worker's question on the move: which stations can I stop at along this route, without more than a
/// given detour, that will be open when I get there, have what I need and let me in?
///
/// Everything but the route and the detour means what it means in a ``NearestQuery`` (the same filters,
/// access rules and open policy; the checks are that query's, see ``nearestTerms``).
public struct AlongQuery: Sendable, Hashable {
    /// The route's vertices in ``crs``, from its start.
    public var route: [LonLat]
    /// The system `route` is given in; converted to WGS-84 before searching.
    public var crs: CoordinateSystem
    /// Departure time from the route's start, Unix epoch seconds.
    public var atEpochSeconds: Int64
    /// How many stations to return, 1...100 (default 20).
    public var limit: Int
    /// The longest detour accepted, metres: out to the station and back (2 x its offset from the route);
    /// within (0, 5000], default 500.
    public var maxDetourMetres: Double
    public var requiredAmenities: AmenitySet
    /// Acceptable grades; empty means all.
    public var grades: Set<Grade>
    /// The worker's organization (its grade C stations become eligible); nil: nobody's member.
    public var memberOrganization: String?
    public var mode: TravelMode
    public var openPolicy: OpenPolicy
    /// With ``OpenPolicy/arrival``, minutes the station must stay open after arrival, 0...1440.
    public var minOpenMinutes: Int

    /// Accepted numbers of vertices.
    public static let vertexRange = 2...10_000
    /// The largest accepted detour, metres (the smallest is anything above 0).
    public static let maxDetourLimitMetres = 5_000.0
    public static let defaultLimit = 20
    public static let defaultMaxDetourMetres = 500.0

    /// `atEpochSeconds` is required: the core has no clock (the front ends pass the time, default now).
    public init(
        route: [LonLat], crs: CoordinateSystem = .wgs84, atEpochSeconds: Int64, limit: Int = defaultLimit,
        maxDetourMetres: Double = defaultMaxDetourMetres, requiredAmenities: AmenitySet = AmenitySet(),
        grades: Set<Grade> = [], memberOrganization: String? = nil, mode: TravelMode = .walk,
        openPolicy: OpenPolicy = .arrival, minOpenMinutes: Int = 10
    ) {
        self.route = route
        self.crs = crs
        self.atEpochSeconds = atEpochSeconds
        self.limit = limit
        self.maxDetourMetres = maxDetourMetres
        self.requiredAmenities = requiredAmenities
        self.grades = grades
        self.memberOrganization = memberOrganization
        self.mode = mode
        self.openPolicy = openPolicy
        self.minOpenMinutes = minOpenMinutes
    }

    /// The same question asked at the route's start as a ``NearestQuery``: how the shared fields are
    /// checked and how the filters are built.
    var nearestTerms: NearestQuery {
        NearestQuery(
            point: route.first ?? LonLat(lon: 0, lat: 0), crs: crs, atEpochSeconds: atEpochSeconds, limit: limit,
            requiredAmenities: requiredAmenities, grades: grades, memberOrganization: memberOrganization, mode: mode,
            openPolicy: openPolicy, minOpenMinutes: minOpenMinutes)
    }

    /// Checks every field and returns the route in WGS-84, ready for measuring.
    /// - Throws: ``AlongQueryError`` naming the field and the reason.
    public func validatedRoute() throws(AlongQueryError) -> RoutePolyline {
        guard route.count >= Self.vertexRange.lowerBound else { throw .tooFewVertices(route.count) }
        guard route.count <= Self.vertexRange.upperBound else { throw .tooManyVertices(route.count) }
        guard maxDetourMetres.isFinite, maxDetourMetres > 0, maxDetourMetres <= Self.maxDetourLimitMetres else {
            throw .detourOutOfRange(maxDetourMetres)
        }
        var wgs: [LonLat] = []
        wgs.reserveCapacity(route.count)
        for (i, p) in route.enumerated() {
            guard p.isValid else { throw .vertexOutOfRange(index: i, p) }
            do {
                wgs.append(try crs.toWGS84(p))
            } catch {
                throw .coordinateSystem(index: i, error)
            }
        }
        do {
            _ = try nearestTerms.validated()
        } catch {
            throw .filter(error)
        }
        return RoutePolyline(vertices: wgs)
    }
}

/// Why an ``AlongQuery`` was refused; the description is a sentence a person can act on.
public enum AlongQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooFewVertices(Int)
    case tooManyVertices(Int)
    /// A vertex (0-based) that is not a finite longitude/latitude within range.
    case vertexOutOfRange(index: Int, LonLat)
    case coordinateSystem(index: Int, CoordinateError)
    case detourOutOfRange(Double)
    /// A field shared with nearest (limit, time, minutes, member).
    case filter(NearestQueryError)

    public var description: String {
        switch self {
        case .tooFewVertices(let n):
            return "a route needs at least 2 positions, got \(n)"
        case .tooManyVertices(let n):
            return "a route may have at most \(AlongQuery.vertexRange.upperBound) positions, got \(n)"
        case .vertexOutOfRange(let i, let p):
            return "route position \(i) is out of range: lon must be within -180...180 and lat within -90...90, got lon \(p.lon), lat \(p.lat)"
        case .coordinateSystem(let i, let e):
            return "route position \(i): \(e.description)"
        case .detourOutOfRange(let m):
            return "max detour must be more than 0 and at most \(Int(AlongQuery.maxDetourLimitMetres)) metres, got \(m)"
        case .filter(let e):
            return e.description
        }
    }
}
