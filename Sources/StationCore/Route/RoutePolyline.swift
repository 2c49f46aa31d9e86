import Foundation

/// A route as a chain of great-circle segments between WGS-84 vertices, prepared for measuring how far
/// stations lie from it and how far along it they are reached.
///
/// Each segment keeps its end vectors on the unit sphere, the unit normal of its great circle and the two
/// tangents that bound it, so the nearest point of a segment to a station costs a few dot products
/// (``RouteSegment/squaredChord(to:)``); trigonometry only for the nearest segments.
public struct RoutePolyline: Sendable {
    /// The vertices, WGS-84, in route order.
    public let vertices: [LonLat]
    /// One per pair of consecutive vertices.
    let segments: [RouteSegment]
    /// Each segment's bounding sphere (x, y, z of the middle; w the radius), kept apart from the segments
    /// so the test that skips most of them reads 32 bytes a segment, not the whole segment.
    let bounds: [SIMD4<Double>]
    /// Distance along the route from its start to each vertex, metres (great-circle, mean Earth radius).
    public let cumulativeMetres: [Double]

    /// Prepares `vertices` (at least 2, each valid: see ``AlongQuery/validatedRoute()``).
    public init(vertices: [LonLat]) {
        precondition(vertices.count >= 2, "a route needs two vertices")
        self.vertices = vertices
        let vectors = vertices.map { Earth.unitVector($0) }
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
        bounds = segments.map { SIMD4($0.middle, $0.radius) }
        cumulativeMetres = cumulative
    }

    /// The route's whole length in metres.
    public var lengthMetres: Double { cumulativeMetres[cumulativeMetres.count - 1] }

    /// The point of the route nearest to `p`, over every segment; see ``nearest(to:segments:scratch:)``.
    public func nearest(to p: LonLat) -> RoutePosition {
        var scratch: [SegmentDistance] = []
        return nearest(to: Earth.unitVector(p), segments: [0..<segments.count], scratch: &scratch)
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
                let sphere = bounds[i]
                let d = p - SIMD3(sphere.x, sphere.y, sphere.z)
                let r = reach + sphere.w
                if (d * d).sum() > r * r { continue }
                let c2 = segments[i].squaredChord(to: p)
                least = min(least, c2)
                scratch.append(SegmentDistance(segment: i, squaredChord: c2))
            }
        }
        guard least.isFinite else { return RoutePosition(offsetMetres: .infinity, alongMetres: 0) }
        // Angles only for the segments that can be within the tie tolerance of the nearest: a chord grows
        // no faster than its angle, so those are within that tolerance (plus rounding) in chord too.
        let cut = least.squareRoot() + Self.tieToleranceRadians + 1e-12
        var best = Double.infinity
        for i in scratch.indices where scratch[i].squaredChord <= cut * cut {
            scratch[i].angleRadians = segments[scratch[i].segment].angleRadians(to: p)
            best = min(best, scratch[i].angleRadians)
        }
        let first = scratch.first { $0.angleRadians <= best + Self.tieToleranceRadians }!
        let segment = segments[first.segment]
        return RoutePosition(
            offsetMetres: first.angleRadians * Earth.meanRadiusMetres,
            alongMetres: cumulativeMetres[first.segment] + segment.fromStartRadians(to: p) * Earth.meanRadiusMetres)
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
    /// The squared chord from the station to the segment's nearest point: grows with the angle.
    var squaredChord: Double
    /// The angle to that point, worked out only near the least (infinity otherwise).
    var angleRadians = Double.infinity
}

/// One great-circle segment from `start` to `end` (unit vectors), with what measuring needs.
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
    /// How far the arc leaves its chord: at most 1 - cos(angle / 2).
    let bulge: Double
    /// The middle of the chord, and a radius about it holding the whole arc: half the chord plus the bulge.
    let middle: SIMD3<Double>
    let radius: Double

    init(from a: SIMD3<Double>, to b: SIMD3<Double>) {
        start = a
        end = b
        let angle = Earth.angleRadians(a, b)
        angleRadians = angle
        middle = (a + b) / 2
        let chord = b - a
        bulge = 1 - cos(angle / 2)
        radius = (chord * chord).sum().squareRoot() / 2 + bulge + 1e-15
        let n = Earth.cross(a, b)
        let sine = (n * n).sum().squareRoot()
        if sine < 1e-15 {
            normal = .zero
            startTangent = .zero
            endTangent = .zero
        } else {
            normal = n / sine
            startTangent = Earth.cross(normal, a)
            endTangent = Earth.cross(b, normal)
        }
    }

    /// Whether `p`'s projection onto the great circle falls within the segment, and its offset from the
    /// start along the tangent. Dot products with the station's offset from an end rather than with the
    /// station itself: equal in exact arithmetic, but the normal of a short segment carries a rounding
    /// error of about 1e-16 / its angle, which against the whole vector reads as a millimetre on 12 m.
    func projection(of p: SIMD3<Double>) -> (inside: Bool, ahead: Double, height: Double) {
        let fromA = p - start
        let ahead = (fromA * startTangent).sum()
        let inside = ahead >= 0 && ((p - end) * endTangent).sum() >= 0 && normal != .zero
        return (inside, ahead, inside ? (fromA * normal).sum() : 0)
    }

    /// The squared chord from `p` to the segment's nearest point, without trigonometry: from the height
    /// h above the great circle, 2 - 2 cos(asin h) = 2 h^2 / (1 + sqrt(1 - h^2)); else the nearer end.
    func squaredChord(to p: SIMD3<Double>) -> Double {
        let (inside, _, h) = projection(of: p)
        if inside { return 2 * h * h / (1 + max(0, 1 - h * h).squareRoot()) }
        let (a, b) = (p - start, p - end)
        return min((a * a).sum(), (b * b).sum())
    }

    /// The central angle from `p` to the segment's nearest point.
    func angleRadians(to p: SIMD3<Double>) -> Double {
        let (inside, _, h) = projection(of: p)
        if inside { return asin(min(1, abs(h))) }
        return min(Earth.angleRadians(p, start), Earth.angleRadians(p, end))
    }

    /// The central angle from the segment's start to `p`'s nearest point of it.
    func fromStartRadians(to p: SIMD3<Double>) -> Double {
        let (inside, ahead, _) = projection(of: p)
        // In the segment's plane the projection has coordinates (p . start, p . startTangent).
        if inside { return atan2(ahead, (p * start).sum()) }
        return Earth.angleRadians(p, end) < Earth.angleRadians(p, start) ? angleRadians : 0
    }
}
