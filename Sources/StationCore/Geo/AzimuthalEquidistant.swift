#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A spherical azimuthal equidistant projection centred on one point: a local plane in metres
/// where distances and bearings from the centre are exact (sphere of ``Earth/meanRadiusMetres``).
///
/// Away from the centre the scale perpendicular to the radius is k = c / sin c (c = distance /
/// R), so at 50 km from the centre lengths stretch by only 1.0000103: good enough to buffer and
/// measure a Beijing district in metres (formulas: Snyder, Map Projections, USGS PP 1395, p. 195).
public struct AzimuthalEquidistant: Sendable, Hashable {
    public let centre: LonLat
    private let lon0: Double
    private let sinLat0: Double
    private let cosLat0: Double

    public init(centre: LonLat) {
        self.centre = centre
        let toRad = Double.pi / 180
        lon0 = centre.lon * toRad
        sinLat0 = sin(centre.lat * toRad)
        cosLat0 = cos(centre.lat * toRad)
    }

    /// Projects a WGS-84 point to (x east, y north) metres from the centre.
    public func forward(_ p: LonLat) -> (x: Double, y: Double) {
        let toRad = Double.pi / 180
        let lat = p.lat * toRad
        let dLon = p.lon * toRad - lon0
        let sinLat = sin(lat), cosLat = cos(lat)
        let cosDLon = cos(dLon)
        let cosC = max(-1, min(1, sinLat0 * sinLat + cosLat0 * cosLat * cosDLon))
        let c = acos(cosC)
        // k = c / sin c, tending to 1 at the centre (series avoids 0/0).
        let k = c < 1e-7 ? 1 + c * c / 6 : c / sin(c)
        let r = Earth.meanRadiusMetres * k
        return (r * cosLat * sin(dLon), r * (cosLat0 * sinLat - sinLat0 * cosLat * cosDLon))
    }

    /// Maps plane metres back to a WGS-84 point.
    public func inverse(x: Double, y: Double) -> LonLat {
        let rho = (x * x + y * y).squareRoot()
        if rho < 1e-9 { return centre }
        let c = rho / Earth.meanRadiusMetres
        let sinC = sin(c), cosC = cos(c)
        let lat = asin(max(-1, min(1, cosC * sinLat0 + y * sinC * cosLat0 / rho)))
        let lon = lon0 + atan2(x * sinC, rho * cosLat0 * cosC - y * sinLat0 * sinC)
        let toDeg = 180 / Double.pi
        var lonDeg = lon * toDeg
        if lonDeg > 180 { lonDeg -= 360 } else if lonDeg < -180 { lonDeg += 360 }
        return LonLat(lon: lonDeg, lat: lat * toDeg)
    }
}
