import Foundation

/// A worker's question: the nearest stations to a point that are open (now or on arrival), have the
/// amenities needed and let the worker in.
public struct NearestQuery: Sendable, Hashable {
    /// Where the worker is, in ``crs``.
    public var point: LonLat
    /// The system `point` is given in; it is converted to WGS-84 before searching.
    public var crs: CoordinateSystem
    /// The query time in Unix epoch seconds (the core has no clock: the front ends pass now by default).
    public var atEpochSeconds: Int64
    /// How many stations to return, 1...100 (default 5).
    public var limit: Int
    /// Only stations at most this many metres away (straight line); nil: no limit.
    public var maxDistanceMetres: Double?
    /// Every one of these amenities is required.
    public var requiredAmenities: AmenitySet
    /// Acceptable grades; empty means all.
    public var grades: Set<Grade>
    /// The organization the worker belongs to: grade C stations are returned only when their
    /// organization equals this (exactly); nil: the worker is nobody's member, so no C stations.
    public var memberOrganization: String?
    public var mode: TravelMode
    public var openPolicy: OpenPolicy
    /// With ``OpenPolicy/arrival``, how long the station must stay open after arrival, 0...1440 minutes.
    public var minOpenMinutes: Int

    /// Accepted values of ``limit``.
    public static let limitRange = 1...100
    /// Accepted values of ``minOpenMinutes``.
    public static let minOpenMinutesRange = 0...1440
    /// Accepted query times: 1970-01-01 to 2100-01-01 (epoch seconds).
    public static let epochSecondsRange: ClosedRange<Int64> = 0...4_102_444_800

    public init(
        point: LonLat, crs: CoordinateSystem = .wgs84, atEpochSeconds: Int64, limit: Int = 5,
        maxDistanceMetres: Double? = nil, requiredAmenities: AmenitySet = AmenitySet(), grades: Set<Grade> = [],
        memberOrganization: String? = nil, mode: TravelMode = .walk, openPolicy: OpenPolicy = .arrival,
        minOpenMinutes: Int = 10
    ) {
        self.point = point
        self.crs = crs
        self.atEpochSeconds = atEpochSeconds
        self.limit = limit
        self.maxDistanceMetres = maxDistanceMetres
        self.requiredAmenities = requiredAmenities
        self.grades = grades
        self.memberOrganization = memberOrganization
        self.mode = mode
        self.openPolicy = openPolicy
        self.minOpenMinutes = minOpenMinutes
    }

    /// Checks every field and converts the point to WGS-84.
    /// - Throws: ``NearestQueryError`` naming the field and the reason.
    public func validated() throws(NearestQueryError) -> LonLat {
        guard point.lon.isFinite, point.lat.isFinite else { throw .pointNotFinite(point) }
        guard point.isValid else { throw .pointOutOfRange(point) }
        let wgs: LonLat
        do {
            wgs = try crs.toWGS84(point)
        } catch {
            throw .coordinateSystem(error)
        }
        guard Self.limitRange.contains(limit) else { throw .limitOutOfRange(limit) }
        if let m = maxDistanceMetres {
            guard m.isFinite, m > 0 else { throw .maxDistanceInvalid(m) }
        }
        guard Self.minOpenMinutesRange.contains(minOpenMinutes) else { throw .minOpenMinutesOutOfRange(minOpenMinutes) }
        guard Self.epochSecondsRange.contains(atEpochSeconds) else { throw .timeOutOfRange(atEpochSeconds) }
        if let org = memberOrganization, org.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .emptyMemberOrganization
        }
        return wgs
    }
}

/// Why a ``NearestQuery`` was refused; the description is a sentence a person can act on.
public enum NearestQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case pointNotFinite(LonLat)
    case pointOutOfRange(LonLat)
    case coordinateSystem(CoordinateError)
    case limitOutOfRange(Int)
    case maxDistanceInvalid(Double)
    case minOpenMinutesOutOfRange(Int)
    case timeOutOfRange(Int64)
    case emptyMemberOrganization

    public var description: String {
        switch self {
        case .pointNotFinite(let p):
            return "lon/lat must be numbers, got lon \(p.lon), lat \(p.lat)"
        case .pointOutOfRange(let p):
            let swapped = LonLat(lon: p.lat, lat: p.lon)
            let hint = swapped.isValid ? "; lon and lat look swapped (lon \(p.lat), lat \(p.lon) would be valid)" : ""
            return "lon must be within -180...180 and lat within -90...90, got lon \(p.lon), lat \(p.lat)\(hint)"
        case .coordinateSystem(let e):
            return e.description
        case .limitOutOfRange(let n):
            return "limit must be within \(NearestQuery.limitRange.lowerBound)...\(NearestQuery.limitRange.upperBound), got \(n)"
        case .maxDistanceInvalid(let m):
            return "max distance must be a positive number of metres, got \(m)"
        case .minOpenMinutesOutOfRange(let n):
            return "min open minutes must be within 0...1440, got \(n)"
        case .timeOutOfRange(let t):
            return "query time must fall between 1970-01-01 and 2100-01-01, got epoch seconds \(t)"
        case .emptyMemberOrganization:
            return "member organization must not be empty; leave it out for a worker without one"
        }
    }
}
