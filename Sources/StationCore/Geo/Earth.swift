import Foundation

/// A point that many distances are measured from (a query point), with the sine and cosine of its
/// latitude worked out once.
public struct DistanceOrigin: Sendable {
    public let point: LonLat
    public let cosLat: Double
    public let sinLat: Double

    public init(_ point: LonLat) {
        self.point = point
        cosLat = cos(point.lat * (Double.pi / 180))
        sinLat = sin(point.lat * (Double.pi / 180))
    }
}

/// The Earth as a sphere of the mean radius: every trigonometric formula of the package (distances,
/// bearings, unit vectors, chords), on the C library's functions.
public enum Earth {
    /// The mean Earth radius (IUGG R1), in metres.
    public static let meanRadiusMetres = 6_371_008.8

    /// Great-circle distance in metres by the haversine formula.
    public static func distanceMetres(_ a: LonLat, _ b: LonLat) -> Double {
        distanceMetres(from: DistanceOrigin(a), to: b)
    }

    /// ``distanceMetres(_:_:)`` from a prepared origin.
    public static func distanceMetres(from a: DistanceOrigin, to b: LonLat) -> Double {
        meanRadiusMetres * centralAngleRadians(haversine: haversine(from: a, to: b))
    }

    /// The haversine of the central angle between two points: a cheap value that grows with the
    /// distance, so searches compare it and convert to metres only at the end.
    public static func haversine(_ a: LonLat, _ b: LonLat) -> Double {
        haversine(from: DistanceOrigin(a), to: b)
    }

    /// ``haversine(_:_:)`` from a prepared origin.
    public static func haversine(from a: DistanceOrigin, to b: LonLat) -> Double {
        let toRad = Double.pi / 180
        let sinHalfDLat = sin((b.lat - a.point.lat) * toRad / 2)
        let sinHalfDLon = sin((b.lon - a.point.lon) * toRad / 2)
        return sinHalfDLat * sinHalfDLat + a.cosLat * cos(b.lat * toRad) * sinHalfDLon * sinHalfDLon
    }

    /// The central angle in radians for a haversine value from ``haversine(_:_:)``.
    public static func centralAngleRadians(haversine h: Double) -> Double {
        2 * asin(min(1, max(0, h).squareRoot()))
    }

    /// The haversine value for a distance in metres (inverse of the two functions above).
    public static func haversine(forDistanceMetres d: Double) -> Double {
        let s = sin(min(Double.pi, d / meanRadiusMetres) / 2)
        return s * s
    }

    /// Initial bearing from `a` to `b` in degrees clockwise from true north, in [0, 360).
    public static func bearingDegrees(from a: LonLat, to b: LonLat) -> Double {
        bearingDegrees(from: DistanceOrigin(a), to: b)
    }

    /// ``bearingDegrees(from:to:)`` from a prepared origin.
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

    /// The unit vector of a point: x towards (lon 0, lat 0), y towards (lon 90 E, lat 0), z towards the
    /// north pole.
    public static func unitVector(_ p: LonLat) -> SIMD3<Double> {
        unitVector(DistanceOrigin(p))
    }

    /// ``unitVector(_:)`` from the sine and cosine of latitude the origin already holds.
    public static func unitVector(_ origin: DistanceOrigin) -> SIMD3<Double> {
        let lon = origin.point.lon * (Double.pi / 180)
        return SIMD3(origin.cosLat * cos(lon), origin.cosLat * sin(lon), origin.sinLat)
    }

    /// The chord length (unit sphere) between two points `distanceMetres` apart.
    public static func chord(forDistanceMetres d: Double) -> Double {
        2 * sin(min(Double.pi, max(0, d) / meanRadiusMetres) / 2)
    }

    /// The great-circle distance in metres for a chord length on the unit sphere.
    public static func distanceMetres(forChord c: Double) -> Double {
        2 * asin(min(1, max(0, c / 2))) * meanRadiusMetres
    }

    /// The angle between two unit vectors, accurate for small and large angles alike.
    public static func angleRadians(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double {
        let c = cross(u, v)
        return atan2((c * c).sum().squareRoot(), (u * v).sum())
    }

    /// The cross product `a x b`.
    public static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
}
