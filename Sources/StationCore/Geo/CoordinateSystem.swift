#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The coordinate systems station ledgers arrive in.
///
/// GPS and GeoJSON use WGS-84. Chinese map apps publish shifted coordinates: Amap (Gaode) and
/// Tencent use GCJ-02, Baidu uses BD-09. The shift is a few hundred metres in Beijing, enough
/// to send a worker to the wrong street, so every point is converted to WGS-84 on the way in.
public enum CoordinateSystem: String, CaseIterable, Sendable, Codable {
    case wgs84
    case gcj02
    case bd09

    /// Converts a point given in this system to WGS-84.
    /// - Throws: ``CoordinateError/outsideChina`` for GCJ-02 or BD-09 input outside the area
    ///   where those systems are defined (the shift is undefined there, so the input is wrong).
    public func toWGS84(_ p: LonLat) throws(CoordinateError) -> LonLat {
        guard p.isValid else { throw .outOfRange(p) }
        switch self {
        case .wgs84:
            return p
        case .gcj02:
            guard ChinaShift.isInsideChina(p) else { throw .outsideChina(p) }
            return ChinaShift.gcj02ToWGS84(p)
        case .bd09:
            let gcj = ChinaShift.bd09ToGCJ02(p)
            guard ChinaShift.isInsideChina(gcj) else { throw .outsideChina(p) }
            return ChinaShift.gcj02ToWGS84(gcj)
        }
    }

    /// Converts a WGS-84 point into this system (for answers in the caller's system).
    public func fromWGS84(_ p: LonLat) -> LonLat {
        switch self {
        case .wgs84: return p
        case .gcj02: return ChinaShift.wgs84ToGCJ02(p)
        case .bd09: return ChinaShift.gcj02ToBD09(ChinaShift.wgs84ToGCJ02(p))
        }
    }
}

/// Why a coordinate was refused.
public enum CoordinateError: Error, Equatable, Sendable, CustomStringConvertible {
    case outOfRange(LonLat)
    case outsideChina(LonLat)

    public var description: String {
        switch self {
        case .outOfRange(let p):
            return "coordinate (lon \(p.lon), lat \(p.lat)) is out of range: longitude must be within -180..180 and latitude within -90..90"
        case .outsideChina(let p):
            return "coordinate (lon \(p.lon), lat \(p.lat)) lies outside China, where GCJ-02/BD-09 are not defined; check the --crs option or swapped lon/lat"
        }
    }
}

/// The GCJ-02 ("Mars coordinates") and BD-09 shifts.
///
/// Written here rather than taken from a library because no maintained Swift package provides
/// it; the formulas are the published ones (Krasovsky 1940 ellipsoid constants and the
/// trigonometric series used by every public implementation), checked in the tests against
/// vectors published by the eviltransform and coordtransform projects.
public enum ChinaShift {
    /// Semi-major axis of the Krasovsky 1940 ellipsoid, in metres.
    static let krasovskySemiMajorMetres = 6_378_245.0
    /// First eccentricity squared of the Krasovsky 1940 ellipsoid.
    static let krasovskyEccentricitySquared = 0.006_693_421_622_965_943_23
    /// The angular scale of BD-09's extra rotation.
    static let bdScale = Double.pi * 3000.0 / 180.0

    /// The rough bounding box in which GCJ-02 is applied (outside it the shift is zero).
    public static func isInsideChina(_ p: LonLat) -> Bool {
        p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271
    }

    /// WGS-84 to GCJ-02 (the forward, closed-form direction).
    public static func wgs84ToGCJ02(_ p: LonLat) -> LonLat {
        guard isInsideChina(p) else { return p }
        let (dLon, dLat) = offsetDegrees(p)
        return LonLat(lon: p.lon + dLon, lat: p.lat + dLat)
    }

    /// GCJ-02 to WGS-84 by fixed-point iteration of the forward transform: each step moves the
    /// guess by the residual; it converges to well under a millimetre in a few steps.
    public static func gcj02ToWGS84(_ g: LonLat) -> LonLat {
        guard isInsideChina(g) else { return g }
        var w = LonLat(lon: g.lon, lat: g.lat)
        for _ in 0..<30 {
            let f = wgs84ToGCJ02(w)
            let eLon = f.lon - g.lon
            let eLat = f.lat - g.lat
            w.lon -= eLon
            w.lat -= eLat
            if abs(eLon) < 1e-10 && abs(eLat) < 1e-10 { break }
        }
        return w
    }

    /// GCJ-02 to BD-09.
    public static func gcj02ToBD09(_ p: LonLat) -> LonLat {
        let x = p.lon, y = p.lat
        let r = (x * x + y * y).squareRoot() + 0.00002 * sin(y * bdScale)
        let theta = atan2(y, x) + 0.000003 * cos(x * bdScale)
        return LonLat(lon: r * cos(theta) + 0.0065, lat: r * sin(theta) + 0.006)
    }

    /// BD-09 to GCJ-02, refined by iterating the forward transform (the usual one-step
    /// inverse is off by up to a metre).
    public static func bd09ToGCJ02(_ b: LonLat) -> LonLat {
        let x = b.lon - 0.0065, y = b.lat - 0.006
        let r = (x * x + y * y).squareRoot() - 0.00002 * sin(y * bdScale)
        let theta = atan2(y, x) - 0.000003 * cos(x * bdScale)
        var g = LonLat(lon: r * cos(theta), lat: r * sin(theta))
        for _ in 0..<10 {
            let f = gcj02ToBD09(g)
            let eLon = f.lon - b.lon, eLat = f.lat - b.lat
            g.lon -= eLon
            g.lat -= eLat
            if abs(eLon) < 1e-11 && abs(eLat) < 1e-11 { break }
        }
        return g
    }

    /// The GCJ-02 offset (degrees of longitude, degrees of latitude) at a WGS-84 point.
    static func offsetDegrees(_ p: LonLat) -> (Double, Double) {
        let x = p.lon - 105.0, y = p.lat - 35.0
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        dLat += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLat += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        dLat += (160.0 * sin(y / 12.0 * .pi) + 320.0 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        dLon += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLon += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        dLon += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        let radLat = p.lat / 180.0 * .pi
        var magic = sin(radLat)
        magic = 1 - krasovskyEccentricitySquared * magic * magic
        let sqrtMagic = magic.squareRoot()
        let a = krasovskySemiMajorMetres
        let latScale = (a * (1 - krasovskyEccentricitySquared)) / (magic * sqrtMagic) * .pi
        let lonScale = a / sqrtMagic * cos(radLat) * .pi
        return (dLon * 180.0 / lonScale, dLat * 180.0 / latScale)
    }
}
