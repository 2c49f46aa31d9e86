import Foundation

/// A station of the index within a route's corridor: its slot's values and where it meets the route.
struct CorridorHit {
    var source: Int
    var attributes: StationAttributes
    var lonLat: LonLat
    var position: RoutePosition
}

extension StationIndex {
    /// How many consecutive segments of a route share one box in ``withinCorridor(of:halfWidthMetres:admission:)``.
    static let corridorRunLength = 16

    /// Every station the admission rule lets in that lies within `halfWidthMetres` of the route, with its
    /// offset from the route and its distance along it (``RoutePolyline/nearest(to:)``), in no particular order.
    ///
    /// The route's segments are taken in runs of ``corridorRunLength``; each run gets a box, in the index's
    /// frame, that holds every point within the half width of any of its segments (the box of the run's
    /// vertices, widened by the half width as a chord, by the most a segment's arc bulges beyond its chord,
    /// and by the single-precision storage tolerance). A range search of the kd-tree per box (kdbush's
    /// `range`: a stack of slot ranges, the median tested, a side entered only when the box reaches
    /// it) gathers (station, run) pairs; each station is then measured exactly against the segments of the
    /// runs whose boxes caught it -- every segment that can be within the half width is among them.
    func withinCorridor(
        of route: RoutePolyline, halfWidthMetres: Double, admission: AdmissionRule
    ) -> [CorridorHit] {
        guard storage.count > 0 else { return [] }
        let segmentCount = route.segments.count
        let runLength = Self.corridorRunLength
        var pairs: [(slot: UInt32, run: UInt32)] = []
        var stack: [(Int, Int)] = []
        let widen = halfWidthMetres / Earth.meanRadiusMetres + 2 * SearchKey.storageToleranceChord
        var run = 0
        while run * runLength < segmentCount {
            let first = run * runLength
            let last = min(segmentCount, first + runLength)
            var lo = SIMD3<Double>(repeating: .infinity)
            var hi = SIMD3<Double>(repeating: -.infinity)
            var bulge = 0.0
            for s in first..<last {
                let segment = route.segments[s]
                let a = frame.rotate(segment.start)
                lo = pointwiseMin(lo, a)
                hi = pointwiseMax(hi, a)
                bulge = max(bulge, segment.bulge)
            }
            let b = frame.rotate(route.segments[last - 1].end)
            lo = pointwiseMin(lo, b) - SIMD3(repeating: widen + bulge)
            hi = pointwiseMax(hi, b) + SIMD3(repeating: widen + bulge)
            let boxLo = SIMD3<Float>(Float(lo.x).nextDown, Float(lo.y).nextDown, Float(lo.z).nextDown)
            let boxHi = SIMD3<Float>(Float(hi.x).nextUp, Float(hi.y).nextUp, Float(hi.z).nextUp)
            collect(inBox: boxLo, boxHi, admission: admission, stack: &stack) { slot in
                pairs.append((UInt32(truncatingIfNeeded: slot), UInt32(truncatingIfNeeded: run)))
            }
            run += 1
        }
        pairs.sort { ($0.slot, $0.run) < ($1.slot, $1.run) }
        var hits: [CorridorHit] = []
        var runs: [Range<Int>] = []
        var scratch: [SegmentDistance] = []
        var i = 0
        while i < pairs.count {
            let slot = Int(pairs[i].slot)
            let lonLat = storage.lonLats[slot]
            runs.removeAll(keepingCapacity: true)
            while i < pairs.count, Int(pairs[i].slot) == slot {
                let first = Int(pairs[i].run) * runLength
                runs.append(first..<min(segmentCount, first + runLength))
                i += 1
            }
            let position = route.nearest(
                to: Earth.unitVector(lonLat), segments: runs, withinMetres: halfWidthMetres, scratch: &scratch)
            guard position.offsetMetres <= halfWidthMetres else { continue }
            hits.append(CorridorHit(
                source: Int(storage.sources[slot]), attributes: storage.attributes(slot), lonLat: lonLat,
                position: position))
        }
        return hits
    }

    /// Calls `body` with the slot of every station in the box (stored single-precision vectors, the
    /// index's frame) that the admission rule lets in.
    private func collect(
        inBox lo: SIMD3<Float>, _ hi: SIMD3<Float>, admission: AdmissionRule, stack: inout [(Int, Int)],
        _ body: (Int) -> Void
    ) {
        let (xs, ys, zs) = (storage.axes[0], storage.axes[1], storage.axes[2])
        func inside(_ slot: Int) -> Bool {
            let (x, y, z) = (xs[slot], ys[slot], zs[slot])
            return x >= lo.x && x <= hi.x && y >= lo.y && y <= hi.y && z >= lo.z && z <= hi.z
                && admission.admits(word: storage.words[slot], organization: storage.organizations[slot])
        }
        stack.removeAll(keepingCapacity: true)
        stack.append((0, storage.count - 1))
        while let (left, right) = stack.popLast() {
            if right - left <= nodeSize {
                for slot in left...right where inside(slot) { body(slot) }
                continue
            }
            let m = (left + right) >> 1
            if inside(m) { body(m) }
            let axis = storage.splitAxis(m)
            let split = storage.axes[axis][m]
            if lo[axis] <= split { stack.append((left, m - 1)) }
            if hi[axis] >= split { stack.append((m + 1, right)) }
        }
    }
}
