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
    /// Best-first branch and bound: a priority queue of nodes keyed by the squared Euclidean distance from
    /// the query vector to their box; from each popped node the search walks down to the nearer child at
    /// once and queues the farther one. In a leaf, stations that pass ``NearestFilter/admits(_:)`` are taken
    /// in order of their key (squared chord) and measured exactly (haversine on the stored longitude/latitude)
    /// before ``NearestFilter/accepts(source:attributes:distanceMetres:)`` sees them; once `limit` stations
    /// are accepted, anything farther than the k-th is cut off. Keys come from single-precision vectors, so
    /// they are trusted only up to ``UnitSphere/storageToleranceChord``: a node or station is skipped only when
    /// its key exceeds the k-th exact distance plus that tolerance. The answer is therefore exactly what a
    /// brute-force scan sorting by (haversine metres, tie order) returns.
    public func nearest<F: NearestFilter>(
        to point: LonLat, limit: Int, maxDistanceMetres: Double = .infinity, filter: F
    ) -> [IndexHit] {
        guard limit > 0, storage.count > 0, !(maxDistanceMetres < 0) else { return [] }
        var search = NearestSearch(index: self, point: point, limit: limit, maxDistanceMetres: maxDistanceMetres, filter: filter)
        return search.run()
    }
}

/// A station of the leaf being scanned, with its key.
struct LeafCandidate {
    var key: Double
    var slot: Int
}

/// The state of one search; a struct with mutating methods so the hot loop works on plain fields and raw
/// pointers (no closures, no exclusivity checks, two small buffers allocated per search).
struct NearestSearch<F: NearestFilter> {
    let points: UnsafeMutablePointer<IndexedPoint>
    let lonLats: UnsafeMutablePointer<LonLat>
    let sources: UnsafeMutablePointer<UInt32>
    let count: Int
    let nodeSize: Int
    let point: LonLat
    let qx: Double, qy: Double, qz: Double
    let limit: Int
    let filter: F
    let maxKey: Double
    /// Nodes and stations whose key exceeds this cannot contribute to the answer.
    var stopKey: Double
    /// Exact distance of the current k-th hit (or the maximum distance until there are k).
    var kthMetres: Double
    var hits: [IndexHit] = []
    var queue = SearchQueue()
    let leaf: UnsafeMutablePointer<LeafCandidate>
    let rootMin: SIMD3<Float>
    let rootMax: SIMD3<Float>
    let storage: IndexStorage

    init(index: StationIndex, point: LonLat, limit: Int, maxDistanceMetres: Double, filter: F) {
        storage = index.storage
        points = index.storage.points
        lonLats = index.storage.lonLats
        sources = index.storage.sources
        count = index.storage.count
        nodeSize = index.nodeSize
        rootMin = index.rootMin
        rootMax = index.rootMax
        leaf = .allocate(capacity: index.nodeSize + 1)
        self.point = point
        let q = index.frame.rotate(UnitSphere.vector(point))
        qx = q.x
        qy = q.y
        qz = q.z
        self.limit = limit
        self.filter = filter
        if maxDistanceMetres.isFinite {
            let c = UnitSphere.chord(forDistanceMetres: maxDistanceMetres) + UnitSphere.storageToleranceChord
            maxKey = c * c
        } else {
            maxKey = .infinity
        }
        stopKey = maxKey
        kthMetres = maxDistanceMetres.isNaN ? .infinity : maxDistanceMetres
        hits.reserveCapacity(limit + 1)
    }

    mutating func run() -> [IndexHit] {
        defer {
            queue.release()
            leaf.deallocate()
        }
        var root = SearchEntry(
            key: 0, lo: 0, hi: UInt32(count - 1), minX: rootMin.x, minY: rootMin.y, minZ: rootMin.z,
            maxX: rootMax.x, maxY: rootMax.y, maxZ: rootMax.z)
        root.key = boxKey(root)
        if root.key <= stopKey { queue.push(root) }
        while queue.count > 0 {
            let e = queue.popMin()
            if e.key > stopKey { break }
            descend(e)
        }
        return withExtendedLifetime(storage) { hits }
    }

    /// Walks from a node down to a leaf, always into the nearer child, queueing the farther child.
    @inline(__always)
    mutating func descend(_ start: SearchEntry) {
        var node = start
        while true {
            let lo = Int(node.lo)
            let hi = Int(node.hi)
            if hi - lo <= nodeSize {
                scanLeaf(lo, hi)
                return
            }
            let m = (lo + hi) >> 1
            let p = points[m]
            offer(m, p)
            var left = node
            left.hi = UInt32(m - 1)
            var right = node
            right.lo = UInt32(m + 1)
            switch p.splitAxis {
            case 0: left.maxX = p.x; right.minX = p.x
            case 1: left.maxY = p.y; right.minY = p.y
            default: left.maxZ = p.z; right.minZ = p.z
            }
            // A child range may be empty only when m == lo (never for ranges longer than nodeSize >= 4).
            left.key = boxKey(left)
            right.key = boxKey(right)
            let (near, far) = left.key <= right.key ? (left, right) : (right, left)
            if far.key <= stopKey { queue.push(far) }
            if near.key > stopKey { return }
            node = near
        }
    }

    /// Measures one station (a node's median) when it passes the cheap filter and could be close enough.
    @inline(__always)
    mutating func offer(_ slot: Int, _ p: IndexedPoint) {
        guard filter.admits(p.attributes) else { return }
        if key(p) <= stopKey { consider(slot) }
    }

    /// Takes a leaf's admitted stations in key order, stopping where the cut-off falls.
    @inline(__always)
    mutating func scanLeaf(_ lo: Int, _ hi: Int) {
        var n = 0
        for slot in lo...hi {
            let p = points[slot]
            guard filter.admits(p.attributes) else { continue }
            let k = key(p)
            guard k <= stopKey else { continue }
            // Insertion into the sorted run (a leaf holds at most nodeSize + 1 stations).
            var i = n
            while i > 0 && leaf[i - 1].key > k {
                leaf[i] = leaf[i - 1]
                i -= 1
            }
            leaf[i] = LeafCandidate(key: k, slot: slot)
            n += 1
        }
        for i in 0..<n {
            let c = leaf[i]
            if c.key > stopKey { break }
            consider(c.slot)
        }
    }

    @inline(__always)
    func key(_ p: IndexedPoint) -> Double {
        let dx = Double(p.x) - qx
        let dy = Double(p.y) - qy
        let dz = Double(p.z) - qz
        return dx * dx + dy * dy + dz * dz
    }

    /// Measures a station exactly and, when it qualifies, inserts it in (distance, tie) order.
    @inline(__always)
    mutating func consider(_ slot: Int) {
        let d = Earth.distanceMetres(point, lonLats[slot])
        if d > kthMetres { return }
        let source = Int(sources[slot])
        let attributes = points[slot].attributes
        guard filter.accepts(source: source, attributes: attributes, distanceMetres: d) else { return }
        var at = hits.count
        while at > 0 {
            let prev = hits[at - 1]
            if prev.distanceMetres < d
                || (prev.distanceMetres == d && !filter.precedes(source: source, source: prev.source))
            { break }
            at -= 1
        }
        if at >= limit { return }
        let hit = IndexHit(source: source, distanceMetres: d, attributes: attributes)
        if at == hits.count { hits.append(hit) } else { hits.insert(hit, at: at) }
        if hits.count > limit { hits.removeLast() }
        if hits.count == limit {
            kthMetres = hits[limit - 1].distanceMetres
            let c = UnitSphere.chord(forDistanceMetres: kthMetres) + UnitSphere.storageToleranceChord
            stopKey = min(maxKey, c * c)
        }
    }

    /// Squared Euclidean distance from the query vector to a node's box (0 inside): a lower bound for the
    /// squared chord to any stored vector in it.
    @inline(__always)
    func boxKey(_ e: SearchEntry) -> Double {
        @inline(__always) func gap(_ v: Double, _ lo: Float, _ hi: Float) -> Double {
            let l = Double(lo)
            let h = Double(hi)
            return v < l ? l - v : (v > h ? v - h : 0)
        }
        let gx = gap(qx, e.minX, e.maxX)
        let gy = gap(qy, e.minY, e.maxY)
        let gz = gap(qz, e.minZ, e.maxZ)
        return gx * gx + gy * gy + gz * gz
    }
}
