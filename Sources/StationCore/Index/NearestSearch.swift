extension StationIndex {
    /// The `limit` nearest stations to `point` that pass `filter`, nearest first, ties in distance
    /// ordered by ``NearestFilter/precedes(source:source:)``; only stations within `maxDistanceMetres`.
    /// Exactly what a brute-force scan sorting by (haversine metres, tie order) returns.
    public func nearest<F: NearestFilter>(
        to point: LonLat, limit: Int, maxDistanceMetres: Double = .infinity, filter: F
    ) -> [IndexHit] {
        search(to: point, limit: limit, maxDistanceMetres: maxDistanceMetres, filter: filter).hits
    }

    /// The `limit` nearest stations with no filter, ties ordered by ``IndexEntry/source``.
    public func nearest(to point: LonLat, limit: Int, maxDistanceMetres: Double = .infinity) -> [IndexHit] {
        nearest(to: point, limit: limit, maxDistanceMetres: maxDistanceMetres, filter: Unfiltered())
    }

    /// The search's hits, and its filter as the search left it (with what it learnt); not the whole
    /// search state, which the caller has no use for.
    func search<F: NearestFilter>(
        to point: LonLat, limit: Int, maxDistanceMetres: Double, filter: F
    ) -> (hits: [IndexHit], filter: F) {
        var search = NearestSearch(index: self, point: point, limit: limit, maxDistanceMetres: maxDistanceMetres, filter: filter)
        if limit > 0, storage.count > 0, !(maxDistanceMetres < 0) { search.run() }
        return (search.hits, search.filter)
    }
}

/// One nearest-neighbour search: depth-first down the kd-tree, nearer child first and the farther one
/// stacked, with a bound (``stopKey``) that tightens as qualifying stations turn up; then the found
/// stations measured exactly in key order.
///
/// Nodes are keyed by the squared distance from the query vector to their box, stations by their squared
/// chord. A station the filter accepts outright, or measures and accepts, is *sure*; once `limit` are sure
/// the k-th answer is no farther than the last sure key, so nothing beyond it (plus the storage tolerance
/// twice: once for its key, once for any station that ties with it) is opened. Keys come from
/// single-precision vectors, trusted to ``SearchKey/storageToleranceChord``; a node or station is dropped
/// only when its key exceeds the bound by more than that, so the answer is exact.
///
/// Why depth-first rather than geokdbush's best-first queue: where an entry lands in a priority queue is a
/// coin toss a branch predictor loses; a stack costs no comparisons, and the nearer-first descent finds
/// the nearby stations that set the bound about as early (Benchmarks/README.md).
struct NearestSearch<F: NearestFilter> {
    let storage: IndexStorage
    let nodeSize: Int
    let rootMin: SIMD3<Float>
    let rootMax: SIMD3<Float>
    let origin: DistanceOrigin
    /// The query's unit vector in the index's frame.
    let query: SIMD3<Double>
    let limit: Int
    var filter: F
    let admission: AdmissionRule
    /// Nodes and stations whose key exceeds this cannot contribute to the answer.
    var stopKey: Double
    /// Exact distance of the current k-th hit (the maximum distance until there are k).
    var kthMetres: Double
    /// Keys below this are certainly within the maximum distance.
    let sureWithinKey: Double

    // The search's scratch, one allocation each per query.
    /// Nodes still to visit, the deepest on top.
    var stack: [NodeEntry] = []
    /// Stations known to qualify, to be measured and placed.
    var found: [(key: Double, slot: Int)] = []
    /// The smallest keys of sure stations, ascending, at most `limit`.
    var sureKeys: [Double] = []
    /// The answer so far, in (distance, tie) order.
    var hits: [IndexHit] = []

    init(index: StationIndex, point: LonLat, limit: Int, maxDistanceMetres: Double, filter: F) {
        storage = index.storage
        nodeSize = index.nodeSize
        rootMin = index.rootMin
        rootMax = index.rootMax
        origin = DistanceOrigin(point)
        query = index.frame.rotate(Earth.unitVector(origin))
        self.limit = limit
        self.filter = filter
        admission = filter.admission
        stopKey = maxDistanceMetres.isFinite ? SearchKey.above(distanceMetres: maxDistanceMetres) : .infinity
        kthMetres = maxDistanceMetres.isNaN ? .infinity : maxDistanceMetres
        sureWithinKey = maxDistanceMetres.isNaN ? .infinity : SearchKey.below(distanceMetres: maxDistanceMetres)
    }

    mutating func run() {
        let lo = SIMD3<Double>(Double(rootMin.x), Double(rootMin.y), Double(rootMin.z))
        let hi = SIMD3<Double>(Double(rootMax.x), Double(rootMax.y), Double(rootMax.z))
        let gap = pointwiseMax(pointwiseMax(lo - query, query - hi), .zero)
        stack.append(NodeEntry(lo: 0, hi: storage.count - 1, gaps: gap * gap))
        while let node = stack.popLast() {
            // The bound may have tightened since the node was stacked.
            if node.key <= stopKey { descend(node) }
        }
        found.sort { $0.key < $1.key }
        for f in found {
            if f.key > stopKey { break }
            place(f.slot)
        }
        for i in hits.indices { hits[i].bearingDegrees = Earth.bearingDegrees(from: origin, to: hits[i].lonLat) }
    }

    /// Walks from a node down to a leaf, always into the nearer child, offering each median passed and
    /// stacking the farther child. The nearer child keeps its parent's gaps; the farther one's gap along
    /// the split axis is the query's distance to the split plane.
    mutating func descend(_ start: NodeEntry) {
        var node = start
        while node.hi - node.lo > nodeSize {
            let m = (node.lo + node.hi) >> 1
            if admission.admits(word: storage.words[m], organization: storage.organizations[m]) { offer(m) }
            let axis = storage.splitAxis(m)
            let offset = query[axis] - Double(storage.axes[axis][m])
            var far = node
            far.gaps[axis] = offset * offset
            if offset <= 0 {
                (node.hi, far.lo) = (m - 1, m + 1)
            } else {
                (node.lo, far.hi) = (m + 1, m - 1)
            }
            if far.key <= stopKey { stack.append(far) }
        }
        scanLeaf(node.lo, node.hi)
    }

    /// Screens a leaf's stations four at a time in single precision (within reach, admitted) and offers
    /// those that pass.
    ///
    /// Why: every station of every leaf the search opens comes here (about 100 a query at 10k stations,
    /// for 5 answers), and four lanes of subtract-multiply-compare cost about what one station does alone.
    /// The single-precision key only rules stations out: it is compared with the stop key widened by more
    /// than its rounding can account for (the query vector's rounding, 6e-8 in chord, and a few relative
    /// roundings of 6e-8), so the exact key in ``offer(_:)`` decides the rest.
    mutating func scanLeaf(_ lo: Int, _ hi: Int) {
        let widened = stopKey.squareRoot() + 3e-7
        let stop = SIMD4<Float>(repeating: stopKey < 4 ? Float(widened * widened * (1 + 1e-5)).nextUp : .infinity)
        let (qx, qy, qz) = (SIMD4<Float>(repeating: Float(query.x)), SIMD4<Float>(repeating: Float(query.y)),
                            SIMD4<Float>(repeating: Float(query.z)))
        let required = SIMD4<UInt32>(repeating: UInt32(admission.requiredAmenityBits))
        let grades = SIMD4<UInt32>(repeating: UInt32(admission.gradeMask) << 16)
        let membersOnly = SIMD4<UInt32>(repeating: UInt32(admission.membersOnlyGradeMask) << 16)
        let member = SIMD4<UInt32>(repeating: admission.memberOrganizationID)
        let lanes = SIMD4<Int32>(0, 1, 2, 3)
        var i = lo
        while i <= hi {
            let x = storage.lanes(storage.axes[0], i) - qx
            let y = storage.lanes(storage.axes[1], i) - qy
            let z = storage.lanes(storage.axes[2], i) - qz
            let word = storage.lanes(storage.words, i)
            var pass = x * x + y * y + z * z .<= stop
            pass .&= (word & required) .== required
            pass .&= (word & grades) .!= .zero
            pass .&= ((word & membersOnly) .== .zero) .| (storage.lanes(storage.organizations, i) .== member)
            pass .&= lanes .<= SIMD4(repeating: Int32(truncatingIfNeeded: hi - i))
            if any(pass) {
                for lane in 0..<4 where pass[lane] { offer(i + lane) }
            }
            i += 4
        }
    }

    /// Screens one admitted station and notes it as found when it qualifies and could still make the
    /// answer: at once when the screening accepts it, after measuring it when the verdict needs its
    /// distance (measured now rather than when placed, so it bounds the search like an accepted one).
    mutating func offer(_ slot: Int) {
        let k = key(slot)
        guard k <= stopKey else { return }
        let attributes = storage.attributes(slot)
        switch filter.screen(attributes, key: k) {
        case .reject: return
        case .accept:
            found.append((k, slot))
            if k < sureWithinKey { noteSure(k) }
        case .measure:
            let d = Earth.distanceMetres(from: origin, to: storage.lonLats[slot])
            guard d <= kthMetres, filter.accepts(source: Int(storage.sources[slot]), attributes: attributes, distanceMetres: d)
            else { return }
            found.append((k, slot))
            noteSure(k)
        }
    }

    /// Records the key of a station certain to qualify; with `limit` of them, tightens the stop key to
    /// the last one's key plus two storage tolerances.
    mutating func noteSure(_ k: Double) {
        if sureKeys.count == limit {
            if k >= sureKeys[limit - 1] { return }
            sureKeys.removeLast()
        }
        sureKeys.insert(k, at: sureKeys.firstIndex { $0 > k } ?? sureKeys.count)
        if sureKeys.count == limit {
            let c = sureKeys[limit - 1].squareRoot() + 2 * SearchKey.storageToleranceChord
            stopKey = min(stopKey, c * c)
        }
    }

    /// The squared chord from the query vector to the stored vector of `slot`, in double precision.
    func key(_ slot: Int) -> Double {
        let d = SIMD3<Double>(Double(storage.axes[0][slot]), Double(storage.axes[1][slot]), Double(storage.axes[2][slot])) - query
        return (d * d).sum()
    }

    /// Measures a found station exactly and, when it is within the k-th distance, inserts it in
    /// (distance, tie) order; with `limit` hits the k-th distance bounds the rest.
    mutating func place(_ slot: Int) {
        let lonLat = storage.lonLats[slot]
        let d = Earth.distanceMetres(from: origin, to: lonLat)
        if d > kthMetres { return }
        let source = Int(storage.sources[slot])
        var at = hits.count
        while at > 0, hits[at - 1].distanceMetres > d
            || (hits[at - 1].distanceMetres == d && filter.precedes(source: source, source: hits[at - 1].source))
        {
            at -= 1
        }
        if at >= limit { return }
        hits.insert(
            IndexHit(source: source, distanceMetres: d, bearingDegrees: 0, attributes: storage.attributes(slot), lonLat: lonLat),
            at: at)
        if hits.count > limit { hits.removeLast() }
        if hits.count == limit {
            kthMetres = hits[limit - 1].distanceMetres
            stopKey = min(stopKey, SearchKey.above(distanceMetres: kthMetres))
        }
    }
}

/// A node of the kd-tree waiting in the search: a range of slots and, per axis, the squared gap from the
/// query vector to the node's box (0 where the query lies within its extent). A child differs from its
/// parent only along the split axis, so each step down costs one subtraction.
struct NodeEntry {
    var lo: Int
    var hi: Int
    var gaps: SIMD3<Double>
    /// The squared Euclidean distance to the box: a lower bound for the squared chord to anything inside.
    var key: Double { gaps.x + gaps.y + gaps.z }
}

extension IndexStorage {
    /// Four consecutive entries of a padded array from `slot` on.
    func lanes<T: SIMDScalar>(_ array: UnsafeMutablePointer<T>, _ slot: Int) -> SIMD4<T> {
        UnsafeRawPointer(array + slot).loadUnaligned(as: SIMD4<T>.self)
    }
}
