#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Points as 3D unit vectors, the space the spatial index searches in.
///
/// Why 3D rather than longitude/latitude: on the unit sphere the straight-line (chord) distance
/// between two points is `2 sin(angle / 2)`, which grows monotonically with the great-circle
/// distance, and the Euclidean distance from a point to an axis-aligned box is a valid lower bound
/// for the chord to anything inside it. So the kd-tree needs plain arithmetic only -- no trigonometry
/// per node, no special case at the antimeridian (lon 179.99 and -179.99 are neighbours because
/// their vectors are) and none near the poles. Exact metres come from the haversine formula on the
/// stored longitude/latitude (``Earth/distanceMetres(_:_:)``) only for candidates the search accepts.
public enum UnitSphere {
    /// The unit vector of a point: x towards (lon 0, lat 0), y towards (lon 90 E, lat 0), z towards the north pole.
    @inlinable
    public static func vector(_ p: LonLat) -> SIMD3<Double> {
        let toRad = Double.pi / 180
        let lat = p.lat * toRad
        let lon = p.lon * toRad
        let cosLat = cos(lat)
        return SIMD3(cosLat * cos(lon), cosLat * sin(lon), sin(lat))
    }

    /// ``vector(_:)`` of the origin's point, from the sine and cosine of latitude it already holds (the
    /// same bits).
    @inlinable
    public static func vector(_ origin: DistanceOrigin) -> SIMD3<Double> {
        let lon = origin.point.lon * (Double.pi / 180)
        return SIMD3(origin.cosLat * cos(lon), origin.cosLat * sin(lon), origin.sinLat)
    }

    /// The chord length (unit sphere) between two points `distanceMetres` apart on the mean-radius sphere.
    @inlinable
    public static func chord(forDistanceMetres d: Double) -> Double {
        let angle = min(Double.pi, max(0, d) / Earth.meanRadiusMetres)
        return 2 * sin(angle / 2)
    }

    /// The great-circle distance in metres for a chord length on the unit sphere.
    @inlinable
    public static func distanceMetres(forChord c: Double) -> Double {
        2 * asin(min(1, max(0, c / 2))) * Earth.meanRadiusMetres
    }

    /// How far (in chord units, unit sphere) a stored single-precision vector may sit from the exact
    /// point: each component is rounded by at most 2^-25 (half an ulp below 1), so the vector moves by
    /// at most sqrt(3) * 2^-25 = 5.2e-8; we allow 2e-7 (about 1.3 m on the ground) to cover that, the
    /// rounding of the query's own vector and of the haversine formula, with room to spare.
    public static let storageToleranceChord = 2e-7

    /// A key bound for "no farther than `distanceMetres`": a stored station at most that far by haversine
    /// distance has a key (squared chord from the query, single precision) at most this. The chord is
    /// 2 sin(x / 2) <= x for the angle x, so the angle itself bounds it without a sine call; for the
    /// distances a search prunes at, the two differ by x^3 / 24 (4e-11 at 6 km), far below the tolerance.
    @inlinable
    public static func keyAbove(distanceMetres d: Double) -> Double {
        let c = min(2, max(0, d) / Earth.meanRadiusMetres) + storageToleranceChord
        return c * c
    }

    /// A key bound for "closer than `distanceMetres`": a stored station whose key (squared chord from the
    /// query, single precision) is below it is certainly closer than that by haversine distance. Zero
    /// (nothing qualifies) when the distance is within the storage tolerance.
    @inlinable
    public static func keyBelow(distanceMetres d: Double) -> Double {
        guard d > 0 else { return 0 }
        guard d.isFinite else { return .infinity }
        // The chord is 2 sin(x / 2) for the angle x; below half a radian (3,000 km) the first two terms of
        // its series, x - x^3 / 24, are a lower bound (the next term is positive) and spare a sine call.
        let x = d / Earth.meanRadiusMetres
        let chord = x < 0.5 ? x - x * x * x / 24 : chord(forDistanceMetres: d)
        // Two tolerances: one for the stored vector, one for rounding between chord and haversine.
        let c = chord - 2 * storageToleranceChord
        return c > 0 ? c * c : 0
    }
}
