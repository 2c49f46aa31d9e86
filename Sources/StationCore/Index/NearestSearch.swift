/// What a nearest-neighbour search asks of its caller while it runs.
///
/// The search applies the filter as it goes (geokdbush style) instead of fetching many neighbours and
/// filtering afterwards: ``admits(_:)`` runs on every station of every leaf it opens, before the distance
/// is even computed; ``accepts(source:attributes:distanceMetres:)`` runs in distance order, once per
/// candidate that could still make the answer, with the exact distance (e.g. "open on arrival").
public protocol NearestFilter {
    /// A cheap test on packed attributes (amenities, grade, access).
    func admits(_ attributes: StationAttributes) -> Bool
    /// The exact test, given the haversine distance in metres from the query point.
    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool
    /// Orders two stations at exactly the same distance (e.g. by station id).
    func precedes(source a: Int, source b: Int) -> Bool
}

/// One station found by ``StationIndex/nearest(to:limit:maxDistanceMetres:filter:)``.
public struct IndexHit: Hashable, Sendable {
    /// The caller's index given in ``IndexEntry/source``.
    public var source: Int
    /// Haversine distance in metres on the mean Earth radius (``Earth/distanceMetres(_:_:)``).
    public var distanceMetres: Double
    public var attributes: StationAttributes
}

extension StationIndex {
    /// The `limit` nearest stations to `point` that pass `filter`, nearest first, ties in distance
    /// ordered by ``NearestFilter/precedes(source:source:)``; only stations within `maxDistanceMetres`.
    ///
    /// Best-first search: one priority queue holds nodes (keyed by the squared Euclidean distance from
    /// the query vector to their box) and candidate stations (keyed by their squared chord). Keys come
    /// from single-precision vectors, so the order they give is trusted only up to
    /// ``UnitSphere/storageToleranceChord``: every candidate is re-measured exactly (haversine on the
    /// stored longitude/latitude) and the search stops only when the next key exceeds the k-th best
    /// exact distance plus that tolerance. The answer is therefore exactly what a brute-force scan
    /// sorting by (haversine metres, tie order) would return.
    public func nearest<F: NearestFilter>(
        to point: LonLat, limit: Int, maxDistanceMetres: Double = .infinity, filter: F
    ) -> [IndexHit] {
        guard limit > 0, !points.isEmpty, !(maxDistanceMetres < 0) else { return [] }
        let q = UnitSphere.vector(point)
        let tolerance = UnitSphere.storageToleranceChord
        let maxKey: Double = {
            guard maxDistanceMetres.isFinite else { return .infinity }
            let c = UnitSphere.chord(forDistanceMetres: maxDistanceMetres) + tolerance
            return c * c
        }()
        var stopKey = maxKey
        var kthMetres = maxDistanceMetres.isNaN ? Double.infinity : maxDistanceMetres
        var hits = [IndexHit]()
        hits.reserveCapacity(limit + 1)
        var queue = SearchQueue(capacity: 64)
        queue.push(SearchEntry(
            key: Self.boxKey(q, rootMin, rootMax), lo: 0, hi: UInt32(points.count - 1),
            boxMin: rootMin, boxMax: rootMax))
        let leafSize = nodeSize

        points.withUnsafeBufferPointer { pts in
            lonLats.withUnsafeBufferPointer { lls in
                sources.withUnsafeBufferPointer { srcs in
                    @inline(__always)
                    func offer(_ slot: Int) {
                        let p = pts[slot]
                        guard filter.admits(p.attributes) else { return }
                        let dx = Double(p.x) - q.x
                        let dy = Double(p.y) - q.y
                        let dz = Double(p.z) - q.z
                        let key = dx * dx + dy * dy + dz * dz
                        if key <= stopKey {
                            queue.push(SearchEntry(
                                key: key, lo: UInt32(truncatingIfNeeded: slot), hi: .max,
                                boxMin: .zero, boxMax: .zero))
                        }
                    }

                    while let e = queue.popMin() {
                        if e.key > stopKey { break }
                        if e.isStation {
                            let slot = Int(e.lo)
                            let d = Earth.distanceMetres(point, lls[slot])
                            if d > kthMetres { continue }
                            let source = Int(srcs[slot])
                            let attributes = pts[slot].attributes
                            guard filter.accepts(source: source, attributes: attributes, distanceMetres: d)
                            else { continue }
                            let hit = IndexHit(source: source, distanceMetres: d, attributes: attributes)
                            // Insert in (distance, tie order); the list stays at most `limit` long.
                            var at = hits.count
                            while at > 0 {
                                let prev = hits[at - 1]
                                if prev.distanceMetres < d
                                    || (prev.distanceMetres == d && !filter.precedes(source: source, source: prev.source))
                                { break }
                                at -= 1
                            }
                            if at >= limit { continue }
                            hits.insert(hit, at: at)
                            if hits.count > limit { hits.removeLast() }
                            if hits.count == limit {
                                kthMetres = hits[limit - 1].distanceMetres
                                let c = UnitSphere.chord(forDistanceMetres: kthMetres) + tolerance
                                stopKey = min(maxKey, c * c)
                            }
                            continue
                        }
                        let lo = Int(e.lo)
                        let hi = Int(e.hi)
                        if hi - lo <= leafSize {
                            for slot in lo...hi { offer(slot) }
                            continue
                        }
                        let m = (lo + hi) >> 1
                        offer(m)
                        let axis = Int(pts[m].splitAxis)
                        let split = pts[m].coordinate(axis)
                        if m - 1 >= lo {
                            var boxMax = e.boxMax
                            boxMax[axis] = split
                            let key = Self.boxKey(q, e.boxMin, boxMax)
                            if key <= stopKey {
                                queue.push(SearchEntry(
                                    key: key, lo: UInt32(lo), hi: UInt32(m - 1), boxMin: e.boxMin, boxMax: boxMax))
                            }
                        }
                        if m + 1 <= hi {
                            var boxMin = e.boxMin
                            boxMin[axis] = split
                            let key = Self.boxKey(q, boxMin, e.boxMax)
                            if key <= stopKey {
                                queue.push(SearchEntry(
                                    key: key, lo: UInt32(m + 1), hi: UInt32(hi), boxMin: boxMin, boxMax: e.boxMax))
                            }
                        }
                    }
                }
            }
        }
        return hits
    }

    /// Squared Euclidean distance from `q` to the box `[lo, hi]` (0 inside): a lower bound for the
    /// squared chord to any stored vector in the box.
    @inline(__always)
    static func boxKey(_ q: SIMD3<Double>, _ lo: SIMD3<Float>, _ hi: SIMD3<Float>) -> Double {
        var sum = 0.0
        for a in 0..<3 {
            let l = Double(lo[a])
            let h = Double(hi[a])
            let v = q[a]
            let d = v < l ? l - v : (v > h ? v - h : 0)
            sum += d * d
        }
        return sum
    }
}
