/// A point on the Earth as longitude and latitude in degrees, longitude first (GeoJSON order).
///
/// The coordinate system is not part of the value: everything the core stores is WGS-84, and
/// ``CoordinateSystem`` converts points that arrive in GCJ-02 or BD-09.
public struct LonLat: Hashable, Sendable, Codable {
    public var lon: Double
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// True when both values are finite and within ±180° longitude, ±90° latitude.
    public var isValid: Bool {
        lon.isFinite && lat.isFinite && (-180...180).contains(lon) && (-90...90).contains(lat)
    }
}

/// A point that many distances are measured from (a query point), with the cosine of its latitude
/// computed once.
public struct DistanceOrigin: Sendable {
    public let point: LonLat
    public let cosLat: Double
    public let sinLat: Double

    @inlinable
    public init(_ point: LonLat) {
        self.point = point
        cosLat = cos(point.lat * (Double.pi / 180))
        sinLat = sin(point.lat * (Double.pi / 180))
    }
}

/// Distances and bearings on a sphere of the mean Earth radius.
public enum Earth {
    /// The mean Earth radius (IUGG R1), in metres.
    public static let meanRadiusMetres = 6_371_008.8

    /// Great-circle distance in metres by the haversine formula.
    @inlinable
    public static func distanceMetres(_ a: LonLat, _ b: LonLat) -> Double {
        meanRadiusMetres * centralAngleRadians(haversine: haversine(a, b))
    }

    /// The haversine of the central angle between two points: a cheap value that grows with the
    /// distance, so searches compare it and convert to metres only at the end.
    @inlinable
    public static func haversine(_ a: LonLat, _ b: LonLat) -> Double {
        haversine(from: DistanceOrigin(a), to: b)
    }

    /// ``haversine(_:_:)`` from a point whose cosine of latitude is already known (bit-identical result).
    @inlinable
    public static func haversine(from a: DistanceOrigin, to b: LonLat) -> Double {
        HaversineTerms(from: a, to: b).haversine
    }

    /// ``distanceMetres(_:_:)`` from a prepared origin: one cosine fewer a call, same bits.
    @inlinable
    public static func distanceMetres(from a: DistanceOrigin, to b: LonLat) -> Double {
        meanRadiusMetres * centralAngleRadians(haversine: haversine(from: a, to: b))
    }

    /// The central angle in radians for a haversine value from ``haversine(_:_:)``.
    @inlinable
    public static func centralAngleRadians(haversine h: Double) -> Double {
        2 * SmallAngle.arcSine(min(1, sqrt(max(0, h))))
    }

    /// The haversine value for a distance in metres (inverse of the two functions above).
    @inlinable
    public static func haversine(forDistanceMetres d: Double) -> Double {
        let half = min(Double.pi, d / meanRadiusMetres) / 2
        let s = sin(half)
        return s * s
    }

    /// Initial bearing from `a` to `b` in degrees clockwise from true north, in [0, 360).
    public static func bearingDegrees(from a: LonLat, to b: LonLat) -> Double {
        bearingDegrees(from: DistanceOrigin(a), to: b)
    }

    /// ``bearingDegrees(from:to:)`` from a prepared origin: two trigonometric calls fewer, same bits.
    public static func bearingDegrees(from a: DistanceOrigin, to b: LonLat) -> Double {
        let toRad = Double.pi / 180
        let phi2 = b.lat * toRad
        let dLon = (b.lon - a.point.lon) * toRad
        let cosPhi2 = cos(phi2)
        let y = sin(dLon) * cosPhi2
        let x = a.cosLat * sin(phi2) - a.sinLat * cosPhi2 * cos(dLon)
        let deg = atan2(y, x) / toRad
        let wrapped = deg.truncatingRemainder(dividingBy: 360)
        return wrapped < 0 ? wrapped + 360 : wrapped
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
