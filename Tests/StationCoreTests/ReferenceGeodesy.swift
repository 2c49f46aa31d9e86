import Foundation
@testable import StationCore

/// Distances and bearings for the brute-force checks, written here on the C library so that a check
/// does not share the code it checks (the search's ``Earth``). The same haversine, operation for
/// operation, so equal inputs give equal bits and answers can be compared exactly.
enum Reference {
    static let radiusMetres = 6_371_008.8

    /// Great-circle distance in metres on the mean sphere.
    static func distanceMetres(_ a: LonLat, _ b: LonLat) -> Double {
        let toRad = Double.pi / 180
        let cosLatA = cos(a.lat * toRad)
        let s1 = sin((b.lat - a.lat) * toRad / 2)
        let s2 = sin((b.lon - a.lon) * toRad / 2)
        let h = s1 * s1 + cosLatA * cos(b.lat * toRad) * s2 * s2
        return radiusMetres * (2 * asin(min(1, max(0, h).squareRoot())))
    }

    /// Initial bearing in degrees clockwise from north, [0, 360).
    static func bearingDegrees(from a: LonLat, to b: LonLat) -> Double {
        let toRad = Double.pi / 180
        let (phi1, phi2, dLon) = (a.lat * toRad, b.lat * toRad, (b.lon - a.lon) * toRad)
        let y = sin(dLon) * cos(phi2)
        let x = cos(phi1) * sin(phi2) - sin(phi1) * cos(phi2) * cos(dLon)
        let deg = atan2(y, x) / toRad
        let wrapped = deg.truncatingRemainder(dividingBy: 360)
        return wrapped < 0 ? wrapped + 360 : wrapped
    }
}
