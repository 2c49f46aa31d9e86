#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts of the haversine formula from a prepared origin to a point, from which both the distance
/// and the initial bearing follow.
///
/// Why: a nearest answer reports distance and bearing for each station. Worked out separately, the
/// bearing costs four more trigonometric calls a station (``Earth/bearingDegrees(from:to:)-(DistanceOrigin,_)``);
/// from these terms it costs two square roots and one arc tangent (``ArcTangent``).
public struct HaversineTerms: Sendable {
    /// sin(Δφ/2) and sin(Δλ/2), with Δ taken as `b - a` in radians.
    public let sinHalfDeltaLat: Double
    public let sinHalfDeltaLon: Double
    /// cos φ of the point.
    public let cosLat: Double
    /// True when the longitude difference exceeds 180° either way, so cos(Δλ/2) is negative.
    @usableFromInline let longWayRound: Bool
    /// sin φ and cos φ of the origin.
    @usableFromInline let originSinLat: Double
    @usableFromInline let originCosLat: Double

    @inlinable
    public init(from a: DistanceOrigin, to b: LonLat) {
        let toRad = Double.pi / 180
        let dLat = (b.lat - a.point.lat) * toRad
        let dLon = (b.lon - a.point.lon) * toRad
        // Series for the small half-angles of nearby points (``SmallAngle``).
        let s = SmallAngle.sine(dLat / 2)
        sinHalfDeltaLat = s
        sinHalfDeltaLon = SmallAngle.sine(dLon / 2)
        cosLat = abs(dLat / 2) <= SmallAngle.sineLimit
            ? SmallAngle.cosineOfSum(sinPhi: a.sinLat, cosPhi: a.cosLat, sinHalfDelta: s)
            : cos(b.lat * toRad)
        longWayRound = abs(dLon) > Double.pi
        originSinLat = a.sinLat
        originCosLat = a.cosLat
    }

    /// The haversine of the central angle (``Earth/haversine(_:_:)``, the same bits).
    @inlinable
    public var haversine: Double {
        sinHalfDeltaLat * sinHalfDeltaLat + originCosLat * cosLat * sinHalfDeltaLon * sinHalfDeltaLon
    }

    /// Great-circle distance in metres (``Earth/distanceMetres(_:_:)``, the same bits).
    @inlinable
    public var distanceMetres: Double { Earth.meanRadiusMetres * Earth.centralAngleRadians(haversine: haversine) }

    /// Initial bearing in degrees clockwise from north, in [0, 360): the usual
    /// atan2(sin Δλ cos φ₂, cos φ₁ sin φ₂ − sin φ₁ cos φ₂ cos Δλ), with the half-angle identities
    /// sin Δλ = 2 sin(Δλ/2) cos(Δλ/2), cos Δλ = 1 − 2 sin²(Δλ/2), and the second term rewritten as
    /// sin Δφ + 2 sin φ₁ cos φ₂ sin²(Δλ/2) (no cancellation between nearby points); both halved.
    public var bearingDegrees: Double {
        let cosHalfDeltaLon = (1 - sinHalfDeltaLon * sinHalfDeltaLon).squareRoot() * (longWayRound ? -1 : 1)
        let cosHalfDeltaLat = (1 - sinHalfDeltaLat * sinHalfDeltaLat).squareRoot()
        let y = sinHalfDeltaLon * cosHalfDeltaLon * cosLat
        let x = sinHalfDeltaLat * cosHalfDeltaLat + originSinLat * cosLat * sinHalfDeltaLon * sinHalfDeltaLon
        let deg = ArcTangent.radians(y: y, x: x) * (180 / Double.pi)
        return deg < 0 ? deg + 360 : (deg >= 360 ? deg - 360 : deg)
    }
}
