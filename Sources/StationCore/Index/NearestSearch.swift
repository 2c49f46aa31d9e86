extension StationIndex {
    /// The `limit` nearest stations to `point` that pass `filter`, nearest first, ties in distance
    /// ordered by ``NearestFilter/precedes(source:source:)``; only stations within `maxDistanceMetres`.
    ///
    /// Depth-first kd-tree search (nearer child first, the farther one stacked) with a bound that tightens
    /// as qualifying stations turn up, then the found stations placed in key order. Nodes are keyed by the
    /// squared Euclidean distance from the query vector to their box, stations by their squared chord.
    /// A leaf's stations are screened by ``NearestFilter/screen(_:key:)``; those that qualify whatever
    /// their exact distance are noted as found, and once `limit` are found the bound is the `limit`-th
    /// smallest of their keys: nothing farther can make the answer. Those whose verdict needs the exact
    /// distance are measured there and then (haversine on the stored longitude/latitude) and, when they
    /// qualify, noted likewise, so the bound tightens whatever the filter decides. When the tree is done,
    /// the found stations within the bound are measured in key order and kept in (distance, tie) order;
    /// once `limit` are kept, anything whose key exceeds the k-th exact distance is cut off. Keys come
    /// from single-precision vectors, so they are trusted only up to ``UnitSphere/storageToleranceChord``:
    /// a node or station is dropped only when its key exceeds the bound plus that tolerance. The answer is
    /// therefore exactly what a brute-force scan sorting by (haversine metres, tie order) returns.
    ///
    /// Why depth-first rather than best-first (two priority queues, Hjaltason and Samet): at 10k stations
    /// a query pushed about 25 entries into the queues, and where each landed was a coin toss a branch
    /// predictor lost about once a push. A stack and a list cost no comparisons at all, and the nearer-first
    /// descent finds the nearby stations that set the bound about as early.
    public func nearest<F: NearestFilter>(
        to point: LonLat, limit: Int, maxDistanceMetres: Double = .infinity, filter: F
    ) -> [IndexHit] {
        withNearest(to: point, limit: limit, maxDistanceMetres: maxDistanceMetres, filter: filter) { Array($0) }
    }

    /// ``nearest(to:limit:maxDistanceMetres:filter:)``, with the hits lent to `body` (valid only during
    /// the call) instead of copied into an array. Always inlined, so that `body` is too: called through a
    /// closure context it copied the caller's captured query (a dozen reference-count operations).
    @inline(__always)
    func withNearest<F: NearestFilter, R>(
        to point: LonLat, limit: Int, maxDistanceMetres: Double = .infinity, filter: F,
        _ body: (UnsafeBufferPointer<IndexHit>) -> R
    ) -> R {
        guard limit > 0, storage.count > 0, !(maxDistanceMetres < 0) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        // The stack and the found list start on the stack; a search that outgrows them moves them to the
        // heap. Each stays within 1 KB: the standard library puts larger temporary allocations on the heap
        // (a malloc and a free on every query). The stack holds at most one node per level of the tree
        // (16 levels at 1M stations), and a query at 10k or 1M stations rarely finds more than 64 stations.
        return withUnsafeTemporaryAllocation(of: NodeEntry.self, capacity: 24) { nodeBuffer in
            withUnsafeTemporaryAllocation(of: FoundStation.self, capacity: 64) { foundBuffer in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: limit) { sureBuffer in
                    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: nodeSize + 4 + 64) { leafBuffer in
                        withUnsafeTemporaryAllocation(of: IndexHit.self, capacity: limit) { hitBuffer in
                            var search = NearestSearch(
                                index: self, point: point, limit: limit, maxDistanceMetres: maxDistanceMetres,
                                filter: filter, nodes: LentBuffer(lending: nodeBuffer),
                                found: LentBuffer(lending: foundBuffer), sureKeys: sureBuffer.baseAddress!,
                                leafCandidates: leafBuffer.baseAddress!, hits: hitBuffer.baseAddress!)
                            search.run()
                            return withExtendedLifetime(storage) { body(UnsafeBufferPointer(start: search.hits, count: search.hitCount)) }
                        }
                    }
                }
            }
        }
    }

    /// The `limit` nearest stations with no filter, ties ordered by ``IndexEntry/source``.
    public func nearest(to point: LonLat, limit: Int, maxDistanceMetres: Double = .infinity) -> [IndexHit] {
        nearest(to: point, limit: limit, maxDistanceMetres: maxDistanceMetres, filter: Unfiltered())
    }
}

/// The state of one search; a struct with mutating methods so the hot loop works on plain fields and raw
/// pointers (no closures, no exclusivity checks, no allocation but the answer in the common case).
struct NearestSearch<F: NearestFilter> {
    let xs: UnsafeMutablePointer<Float>
    let ys: UnsafeMutablePointer<Float>
    let zs: UnsafeMutablePointer<Float>
    let words: UnsafeMutablePointer<UInt32>
    let organizations: UnsafeMutablePointer<UInt32>
    let lonLats: UnsafeMutablePointer<LonLat>
    let sources: UnsafeMutablePointer<UInt32>
    /// The filter's admission rule, as it applies to the packed words (``IndexStorage/words``).
    let requiredWordBits: UInt32
    let gradeWordBits: UInt32
    let membersOnlyWordBits: UInt32
    let memberOrganizationID: UInt32
    let count: Int
    let nodeSize: Int
    let origin: DistanceOrigin
    /// The query's rotated unit vector (``LocalFrame``), also read by axis number (``queryCoordinate(_:)``).
    let queryAxes: (Double, Double, Double)
    var qx: Double { queryAxes.0 }
    var qy: Double { queryAxes.1 }
    var qz: Double { queryAxes.2 }
    /// Distance between the x, y and z arrays of the index's one coordinate allocation.
    let axisStride: Int
    let limit: Int
    var filter: F
    /// Nodes and stations whose key exceeds this cannot contribute to the answer.
    var stopKey: Double
    /// Exact distance of the current k-th hit (or the maximum distance until there are k).
    var kthMetres: Double
    /// The hits so far in (distance, tie) order, `hitCount` of them (room for `limit`), in memory
    /// the caller lends: inserting into an array cost a uniqueness check and a bounds check per move.
    let hits: UnsafeMutablePointer<IndexHit>
    var hitCount = 0
    /// Nodes still to visit, the most recently stacked (the deepest) on top.
    var nodes: LentBuffer<NodeEntry>
    /// Stations known to qualify, in the order found (``FoundStation``), still to be measured and placed.
    var found: LentBuffer<FoundStation>
    /// The smallest keys (ascending, at most `limit`) of found stations that are certain to be hits if
    /// nothing closer displaces them: qualifying, and certainly within the maximum distance. Once there
    /// are `limit` of them the k-th answer can be no farther than the last one, which bounds the search
    /// before anything has been placed.
    let sureKeys: UnsafeMutablePointer<Double>
    var sureCount = 0
    /// Keys below this are certainly within the maximum distance.
    let sureWithinKey: Double
    /// Room for the medians of one descent (at most 32: every level halves a range of at most 2^32 slots)
    /// and one leaf's slots (`nodeSize + 4`): where ``descend(_:)`` gathers the ones worth offering.
    let leafCandidates: UnsafeMutablePointer<UInt32>
    let rootMin: SIMD3<Float>
    let rootMax: SIMD3<Float>
    let storage: IndexStorage

    init(
        index: StationIndex, point: LonLat, limit: Int, maxDistanceMetres: Double, filter: F,
        nodes: LentBuffer<NodeEntry>, found: LentBuffer<FoundStation>, sureKeys: UnsafeMutablePointer<Double>,
        leafCandidates: UnsafeMutablePointer<UInt32>, hits: UnsafeMutablePointer<IndexHit>
    ) {
        self.hits = hits
        self.sureKeys = sureKeys
        self.leafCandidates = leafCandidates
        sureWithinKey = maxDistanceMetres.isNaN ? .infinity : UnitSphere.keyBelow(distanceMetres: maxDistanceMetres)
        storage = index.storage
        xs = index.storage.xs
        ys = index.storage.ys
        zs = index.storage.zs
        words = index.storage.words
        organizations = index.storage.organizations
        lonLats = index.storage.lonLats
        sources = index.storage.sources
        let rule = filter.admission
        requiredWordBits = UInt32(rule.requiredAmenityBits)
        gradeWordBits = UInt32(rule.gradeMask) << 16
        membersOnlyWordBits = UInt32(rule.membersOnlyGradeMask) << 16
        memberOrganizationID = rule.memberOrganizationID
        count = index.storage.count
        nodeSize = index.nodeSize
        rootMin = index.rootMin
        rootMax = index.rootMax
        self.nodes = nodes
        self.found = found
        origin = DistanceOrigin(point)
        let q = index.frame.rotate(UnitSphere.vector(origin))
        queryAxes = (q.x, q.y, q.z)
        axisStride = index.storage.axisStride
        self.limit = limit
        self.filter = filter
        stopKey = maxDistanceMetres.isFinite ? UnitSphere.keyAbove(distanceMetres: maxDistanceMetres) : .infinity
        kthMetres = maxDistanceMetres.isNaN ? .infinity : maxDistanceMetres
    }

    /// Runs the search; the answer is the first ``hitCount`` entries of ``hits``.
    mutating func run() {
        defer {
            nodes.release()
            found.release()
        }
        @inline(__always) func gap2(_ v: Double, _ lo: Float, _ hi: Float) -> Double {
            let l = Double(lo)
            let h = Double(hi)
            let g = v < l ? l - v : (v > h ? v - h : 0)
            return g * g
        }
        let gx2 = gap2(qx, rootMin.x, rootMax.x)
        let gy2 = gap2(qy, rootMin.y, rootMax.y)
        let gz2 = gap2(qz, rootMin.z, rootMax.z)
        let root = NodeEntry(
            key: NodeEntry.key((gx2, gy2, gz2)), lo: 0, hi: UInt32(count - 1), gaps: (gx2, gy2, gz2))
        if root.key <= stopKey { nodes.append(root) }
        while nodes.count > 0 {
            let node = nodes.removeLast()
            // The bound may have tightened since the node was stacked.
            if node.key <= stopKey { descend(node) }
        }
        placeFound()
    }

    /// Walks from a node down to a leaf, always into the nearer child, stacking the farther child. The
    /// nearer child has its parent's gaps (and key); the farther one's gap along the split axis is the
    /// query's distance to the split plane (``NodeEntry``). The medians passed on the way that the
    /// admission rule lets in join the leaf's candidates (``scanLeaf(_:_:after:)``), and all are keyed
    /// exactly and offered (``offer(slot:key:)`` drops those beyond the stop key). The stop key does not
    /// change on the way down, so the nearer child (its parent's key) always stays within it.
    @inline(__always)
    mutating func descend(_ start: NodeEntry) {
        var node = start
        var n = 0
        while true {
            let lo = Int(node.lo)
            let hi = Int(node.hi)
            if hi - lo <= nodeSize {
                n = scanLeaf(lo, hi, after: n)
                break
            }
            let m = (lo + hi) >> 1
            let word = words[m]
            // Written without branches from here on: whether the median is worth offering, the split axis,
            // the side the query falls on and whether the farther child is worth stacking are coin tosses
            // a branch predictor loses. The compiler keeps the first, second and fourth branch-free but
            // turns the side back into a branch (8.3 mispredictions a query; see Benchmarks/README.md).
            leafCandidates[n] = UInt32(truncatingIfNeeded: m)
            n &+= admitted(word: word, organization: organizations[m])
            let axis = min(Int(word >> 24), 2)
            let offset = queryCoordinate(axis) - Double(xs[axis &* axisStride &+ m])
            var far = node
            withUnsafeMutableBytes(of: &far.gaps) {
                $0.storeBytes(of: offset * offset, toByteOffset: axis &* MemoryLayout<Double>.stride, as: Double.self)
            }
            far.key = NodeEntry.key(far.gaps)
            // Below the split (or on it) the left child [lo, m - 1] is the nearer; a child range may be
            // empty only when m == lo (never for ranges longer than nodeSize >= 4).
            let left: UInt32 = 0 &- UInt32(offset <= 0 ? 1 : 0)
            let below = UInt32(truncatingIfNeeded: m - 1)
            let above = UInt32(truncatingIfNeeded: m + 1)
            node.lo = node.lo & left | above & ~left
            node.hi = below & left | node.hi & ~left
            far.lo = above & left | far.lo & ~left
            far.hi = far.hi & left | below & ~left
            nodes.spare().initialize(to: far)
            nodes.count &+= far.key <= stopKey ? 1 : 0
        }
        for c in 0..<n {
            let slot = Int(leafCandidates[c])
            offer(slot: slot, key: key(slot))
        }
    }

    /// Screens a leaf's stations four at a time, in single precision and without branching on the
    /// outcome, and gathers the slots of those the admission rule lets in and that may lie within the stop
    /// key into ``leafCandidates`` after the first `start`; returns the new count. The caller keys them
    /// exactly and offers them.
    ///
    /// Why: every station of every leaf the search opens goes through the first pass (about 100 a query
    /// at 10k stations, for 5 answers), and whether it is within reach or has the required amenity is a
    /// coin toss a branch predictor loses about every other time. Four lanes of subtract-multiply-compare
    /// and mask logic cost about what one station did one at a time.
    ///
    /// The single-precision key only rules stations out: it is compared with the stop key widened by
    /// more than its rounding can account for (the query vector's rounding to single precision, at most
    /// 6e-8 in chord, and a few relative roundings of 6e-8 each), so a station it drops has an exact key
    /// above the stop key and the second pass, in double precision as everywhere else, decides the rest.
    @inline(__always)
    func scanLeaf(_ lo: Int, _ hi: Int, after start: Int) -> Int {
        let stop = stopKey
        let widened = stop.squareRoot() + 3e-7
        let stopFloat = stop < 4 ? Float(widened * widened * (1 + 1e-5)).nextUp : Float.infinity
        let stopLanes = SIMD4<Float>(repeating: stopFloat)
        let qxLanes = SIMD4<Float>(repeating: Float(qx))
        let qyLanes = SIMD4<Float>(repeating: Float(qy))
        let qzLanes = SIMD4<Float>(repeating: Float(qz))
        let required = SIMD4<UInt32>(repeating: requiredWordBits)
        let grades = SIMD4<UInt32>(repeating: gradeWordBits)
        let membersOnly = SIMD4<UInt32>(repeating: membersOnlyWordBits)
        let member = SIMD4<UInt32>(repeating: memberOrganizationID)
        let zero = SIMD4<UInt32>(repeating: 0)
        let laneIndex = SIMD4<Int32>(0, 1, 2, 3)
        var n = start
        var i = lo
        while i <= hi {
            let x = UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD4<Float>.self) - qxLanes
            let y = UnsafeRawPointer(ys + i).loadUnaligned(as: SIMD4<Float>.self) - qyLanes
            let z = UnsafeRawPointer(zs + i).loadUnaligned(as: SIMD4<Float>.self) - qzLanes
            let word = UnsafeRawPointer(words + i).loadUnaligned(as: SIMD4<UInt32>.self)
            let organization = UnsafeRawPointer(organizations + i).loadUnaligned(as: SIMD4<UInt32>.self)
            var pass = x * x + y * y + z * z .<= stopLanes
            pass .&= (word & required) .== required
            pass .&= (word & grades) .!= zero
            pass .&= ((word & membersOnly) .== zero) .| (organization .== member)
            pass .&= SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: hi - i)) .>= laneIndex
            let one = SIMD4<Int32>(repeating: 0).replacing(with: 1, where: pass)
            let slot = UInt32(truncatingIfNeeded: i)
            leafCandidates[n] = slot
            n &+= Int(one[0])
            leafCandidates[n] = slot &+ 1
            n &+= Int(one[1])
            leafCandidates[n] = slot &+ 2
            n &+= Int(one[2])
            leafCandidates[n] = slot &+ 3
            n &+= Int(one[3])
            i &+= 4
        }
        return n
    }

    /// The admission rule for one station, from its packed word and organization: 1 admitted, 0 not
    /// (computed without branches).
    @inline(__always)
    func admitted(word: UInt32, organization: UInt32) -> Int {
        let amenities = word & requiredWordBits == requiredWordBits ? 1 : 0
        let grade = word & gradeWordBits != 0 ? 1 : 0
        let access = (word & membersOnlyWordBits == 0 ? 1 : 0) | (organization == memberOrganizationID ? 1 : 0)
        return amenities & grade & access
    }

    /// Screens one admitted station, given its key, and notes it as found when it qualifies and could
    /// still make the answer: at once when the screening accepts it, after measuring it and asking the
    /// filter when the verdict needs its exact distance.
    @inline(__always)
    mutating func offer(slot: Int, key k: Double) {
        guard k <= stopKey else { return }
        let attributes = storage.attributes(slot)
        switch filter.screen(attributes, key: k) {
        case .reject: return
        case .accept:
            found.append(FoundStation(key: k, slot: UInt32(truncatingIfNeeded: slot)))
            if k < sureWithinKey { noteSure(k) }
        case .measure:
            // Measured now rather than when placed: a station that qualifies bounds the search like one
            // the screening accepted, so a query where most verdicts hang on the distance (just before a
            // common opening time) still stops early.
            let d = HaversineTerms(from: origin, to: lonLats[slot]).distanceMetres
            guard d <= kthMetres, filter.accepts(source: Int(sources[slot]), attributes: attributes, distanceMetres: d)
            else { return }
            found.append(FoundStation(key: k, slot: UInt32(truncatingIfNeeded: slot)))
            noteSure(k)
        }
    }

    /// Records the key of a station certain to qualify; with `limit` of them, tightens the stop key to
    /// the last one's key plus two storage tolerances (one for its own key, one for any station that ties
    /// with or beats it).
    ///
    /// The key is inserted by carrying it through the kept keys with a minimum and a maximum at each
    /// (the larger goes on), not by searching for its place: where a new key lands is a coin toss a
    /// branch predictor loses (callgrind counted 10 mispredictions a query on that search, at k = 5).
    @inline(__always)
    mutating func noteSure(_ k: Double) {
        let n = sureCount
        if n == limit && k >= sureKeys[n - 1] { return }
        var carry = k
        for j in 0..<n {
            let kept = sureKeys[j]
            sureKeys[j] = min(kept, carry)
            carry = max(kept, carry)
        }
        // With `limit` kept, the largest of them and the new key falls off the end.
        if n < limit {
            sureKeys[n] = carry
            sureCount = n + 1
        }
        if sureCount == limit {
            let c = sureKeys[limit - 1].squareRoot() + 2 * UnitSphere.storageToleranceChord
            stopKey = min(stopKey, c * c)
        }
    }

    /// The query vector's coordinate on `axis` (0 x, 1 y, 2 z), without branching on the axis.
    @inline(__always)
    func queryCoordinate(_ axis: Int) -> Double {
        withUnsafeBytes(of: queryAxes) { $0.load(fromByteOffset: axis &* MemoryLayout<Double>.stride, as: Double.self) }
    }

    /// The squared chord from the query vector to the stored vector of `slot`, in double precision.
    @inline(__always)
    func key(_ slot: Int) -> Double {
        let dx = Double(xs[slot]) - qx
        let dy = Double(ys[slot]) - qy
        let dz = Double(zs[slot]) - qz
        return dx * dx + dy * dy + dz * dz
    }

    /// Places the found stations within the stop key, in key order: each is measured and inserted in
    /// (distance, tie) order, and once `limit` are placed the stop key shrinks to the k-th exact distance,
    /// which ends the walk early.
    ///
    /// Why the smallest key by a scan of the list each time rather than a sort: about `limit` stations
    /// remain at this point (5.0 at 10k stations and k = 5), a scan with conditional moves mispredicts
    /// only at its end, where a sort's comparisons are coin tosses; and placing them in key order
    /// appends each hit at the end of the list, where placing them in the order found (tried) moved
    /// hits about and cost 5.6 more mispredictions a query.
    mutating func placeFound() {
        // Drop those the final stop key rules out, without branching: keys and the stop key are never
        // negative, so their bit patterns order as they do, and the sign of the patterns' difference says
        // which is larger (the compiler turned `key <= stopKey ? 1 : 0` into a branch, and callgrind counted
        // 4.7 mispredictions a query on it).
        var n = 0
        let stopBits = Int64(bitPattern: stopKey.bitPattern)
        for i in 0..<found.count {
            let e = found[i]
            found[n] = e
            n &+= 1 &- Int(truncatingIfNeeded: UInt64(bitPattern: stopBits &- Int64(bitPattern: e.key.bitPattern)) >> 63)
        }
        while n > 0 {
            var best = 0
            var bestKey = found[0].key
            for i in 1..<n {
                let k = found[i].key
                best = k < bestKey ? i : best
                bestKey = min(k, bestKey)
            }
            if bestKey > stopKey { break }
            let e = found[best]
            n -= 1
            found[best] = found[n]
            place(Int(e.slot))
        }
    }

    /// Measures a found station exactly and, when it is within the k-th distance, inserts it in
    /// (distance, tie) order.
    @inline(__always)
    mutating func place(_ slot: Int) {
        let lonLat = lonLats[slot]
        let terms = HaversineTerms(from: origin, to: lonLat)
        let d = terms.distanceMetres
        if d > kthMetres { return }
        let source = Int(sources[slot])
        let attributes = storage.attributes(slot)
        var at = hitCount
        while at > 0 {
            let prev = hits[at - 1]
            if prev.distanceMetres < d
                || (prev.distanceMetres == d && !filter.precedes(source: source, source: prev.source))
            { break }
            at -= 1
        }
        if at >= limit { return }
        let hit = IndexHit(source: source, distanceMetres: d, bearingDegrees: terms.bearingDegrees, attributes: attributes, lonLat: lonLat)
        // Shift the farther hits one place (the last falls off once there are `limit`).
        var i = min(hitCount, limit - 1)
        while i > at {
            hits[i] = hits[i - 1]
            i -= 1
        }
        hits[at] = hit
        hitCount = min(hitCount + 1, limit)
        if hitCount == limit {
            kthMetres = hits[limit - 1].distanceMetres
            stopKey = min(stopKey, UnitSphere.keyAbove(distanceMetres: kthMetres))
        }
    }
}
