#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A route as a chain of great-circle segments between WGS-84 vertices, prepared for measuring how far
/// stations lie from it and how far along it they are reached.
///
/// Each segment keeps its end vectors on the unit sphere, the unit normal of its great circle and the two
/// tangents that bound it, so the nearest point of a segment to a station costs a few dot products
/// (``RouteSegment/nearest(to:)``); an arc sine only for the best one.
public struct RoutePolyline: Sendable {
    /// The vertices, WGS-84, in route order.
    public let vertices: [LonLat]
    /// One per pair of consecutive vertices.
    let segments: [RouteSegment]
    /// Distance along the route from its start to each vertex, metres (great-circle, mean Earth radius).
    public let cumulativeMetres: [Double]

    /// Prepares `vertices` (at least 2, each valid: see ``AlongQuery/validatedRoute()``).
    public init(vertices: [LonLat]) {
        precondition(vertices.count >= 2, "a route needs two vertices")
        self.vertices = vertices
        let vectors = vertices.map(UnitSphere.vector)
        var segments: [RouteSegment] = []
        segments.reserveCapacity(vertices.count - 1)
        var cumulative: [Double] = [0]
        cumulative.reserveCapacity(vertices.count)
        for i in 1..<vectors.count {
            let s = RouteSegment(from: vectors[i - 1], to: vectors[i])
            segments.append(s)
            cumulative.append(cumulative[i - 1] + s.angleRadians * Earth.meanRadiusMetres)
        }
        self.segments = segments
        cumulativeMetres = cumulative
    }

    /// The route's whole length in metres.
    public var lengthMetres: Double { cumulativeMetres[cumulativeMetres.count - 1] }

    /// The point of the route nearest to `p`, over every segment; see ``nearest(to:segments:scratch:)``.
    public func nearest(to p: LonLat) -> RoutePosition {
        var scratch: [SegmentDistance] = []
        return nearest(to: UnitSphere.vector(p), segments: [0..<segments.count], scratch: &scratch)
    }

    /// The nearest point to `p` among the segments in `ranges` (ascending, not overlapping). Of several
    /// points within ``tieToleranceMetres`` of the nearest distance -- a route that doubles back passes a
    /// station twice -- the first along the route is taken, so the answer does not depend on the order
    /// segments are looked at. `scratch` is working memory the caller may reuse between stations.
    ///
    /// With `withinMetres`, segments that cannot come within that distance of `p` (by a bounding-sphere
    /// test) are skipped: the answer is unchanged whenever the nearest point is within that distance.
    func nearest(
        to p: SIMD3<Double>, segments ranges: [Range<Int>], withinMetres: Double = .infinity,
        scratch: inout [SegmentDistance]
    ) -> RoutePosition {
        scratch.removeAll(keepingCapacity: true)
        var least = Double.infinity
        // A chord reaches at most as far as its angle; widened by the tie tolerance (so no segment within
        // it of the nearest is skipped) and by the rounding of the vectors.
        let reach = (withinMetres + 2 * Self.tieToleranceMetres) / Earth.meanRadiusMetres + 1e-12
        for range in ranges {
            for i in range {
                let segment = segments[i]
                let d = p - segment.middle
                let r = reach + segment.radius
                if (d * d).sum() > r * r { continue }
                let (angle, fromStart) = segment.nearest(to: p)
                least = min(least, angle)
                scratch.append(SegmentDistance(segment: i, angleRadians: angle, fromStartRadians: fromStart))
            }
        }
        guard let first = scratch.first(where: { $0.angleRadians <= least + Self.tieToleranceRadians }) else {
            return RoutePosition(offsetMetres: .infinity, alongMetres: 0)
        }
        return RoutePosition(
            offsetMetres: first.angleRadians * Earth.meanRadiusMetres,
            alongMetres: cumulativeMetres[first.segment] + first.fromStartRadians * Earth.meanRadiusMetres)
    }

    /// Two distances from the route closer than this (1 mm) count as equal.
    public static let tieToleranceMetres = 0.001
    static let tieToleranceRadians = tieToleranceMetres / Earth.meanRadiusMetres
}

/// Where a station meets a route: how far off it (to the nearest point) and how far along it that point is.
public struct RoutePosition: Sendable, Hashable {
    /// Great-circle distance from the station to the nearest point of the route, metres.
    public var offsetMetres: Double
    /// Distance along the route from its start to that point, metres.
    public var alongMetres: Double
}

/// One segment's nearest point to a station, while the station is measured against a route.
struct SegmentDistance {
    var segment: Int
    var angleRadians: Double
    var fromStartRadians: Double
}

/// One great-circle segment from `start` to `end` (unit vectors), with what ``nearest(to:)`` needs.
struct RouteSegment: Sendable {
    let start: SIMD3<Double>
    let end: SIMD3<Double>
    /// Unit normal of the segment's great circle (start x end, normalised); zero for a degenerate segment
    /// (both ends at one point, or antipodal, where the great circle is not defined).
    let normal: SIMD3<Double>
    /// normal x start: the direction of travel at the start. A point's projection onto the great circle lies
    /// on the segment when it is ahead of the start (p . startTangent >= 0) and behind the end.
    let startTangent: SIMD3<Double>
    /// end x normal: points back from the end into the segment.
    let endTangent: SIMD3<Double>
    /// The segment's central angle.
    let angleRadians: Double
    /// The middle of the chord, and a radius about it holding the whole arc: half the chord plus the
    /// arc's bulge beyond it (1 - cos(angle / 2)).
    let middle: SIMD3<Double>
    let radius: Double

    init(from a: SIMD3<Double>, to b: SIMD3<Double>) {
        start = a
        end = b
        let angle = Self.angle(a, b)
        angleRadians = angle
        middle = (a + b) / 2
        let chord = b - a
        radius = (chord * chord).sum().squareRoot() / 2 + (1 - cos(angle / 2)) + 1e-15
        let n = Self.cross(a, b)
        let sine = (n * n).sum().squareRoot()
        if sine < 1e-15 {
            normal = .zero
            startTangent = .zero
            endTangent = .zero
        } else {
            normal = n / sine
            startTangent = Self.cross(normal, a)
            endTangent = Self.cross(b, normal)
        }
    }

    /// The central angle from `p` to the segment's nearest point, and from the segment's start to that point.
    @inline(__always)
    func nearest(to p: SIMD3<Double>) -> (angle: Double, fromStart: Double) {
        // Dot products with the station's offset from an end rather than with the station itself: they
        // are the same in exact arithmetic (each end is perpendicular to the normal and to its tangent),
        // but the normal of a short segment carries a rounding error of about 1e-16 / its angle, and
        // against the whole unit vector that error reads as a millimetre of offset on a 12 m segment.
        let fromA = p - start
        let ahead = (fromA * startTangent).sum()
        let behind = ((p - end) * endTangent).sum()
        if ahead >= 0, behind >= 0, normal != .zero {
            let h = (fromA * normal).sum()
            // In the segment's plane the projection has coordinates (p . start, p . startTangent).
            let fromStart = atan2(ahead, (p * start).sum())
            return (asin(min(1, abs(h))), fromStart)
        }
        let toStart = Self.angle(p, start)
        let toEnd = Self.angle(p, end)
        return toEnd < toStart ? (toEnd, angleRadians) : (toStart, 0)
    }

    /// The angle between two unit vectors, accurate for small and large angles alike.
    @inline(__always)
    static func angle(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double {
        let c = cross(u, v)
        return atan2((c * c).sum().squareRoot(), (u * v).sum())
    }

    @inline(__always)
    static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
}
