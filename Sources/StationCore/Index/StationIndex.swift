/// One station handed to ``StationIndex/init(entries:nodeSize:)``.
public struct IndexEntry: Sendable {
    /// Exact WGS-84 position; distances are computed from it by the haversine formula.
    public var lonLat: LonLat
    public var attributes: StationAttributes
    /// The caller's index for this station (e.g. its position in the catalog's station list).
    public var source: UInt32

    public init(lonLat: LonLat, attributes: StationAttributes, source: UInt32) {
        self.lonLat = lonLat
        self.attributes = attributes
        self.source = source
    }
}

/// A static kd-tree over stations on the unit sphere, in flat arrays (in the spirit of kdbush).
///
/// Built once by partial sorting in place: the median of every range is selected along the axis on
/// which that range is widest, so the tree is implicit (a node is a range of slots, its children the
/// halves either side of its median) and needs no node objects. Each slot keeps a single-precision unit
/// vector with the station's packed attributes (24 bytes), its exact longitude/latitude (16 bytes)
/// and the caller's index (4 bytes): 44 bytes a station. See ``UnitSphere`` for why 3D.
///
/// The value is immutable and `Sendable`: readers share it freely, and a changed ledger gets a new
/// index built beside the old one and swapped in whole.
public struct StationIndex: Sendable {
    /// A leaf holds at most `nodeSize + 1` stations.
    public let nodeSize: Int
    @usableFromInline let points: [IndexedPoint]
    @usableFromInline let lonLats: [LonLat]
    @usableFromInline let sources: [UInt32]
    /// Bounding box of all stored vectors.
    @usableFromInline let rootMin: SIMD3<Float>
    @usableFromInline let rootMax: SIMD3<Float>

    /// Builds the tree. `nodeSize` is clamped to 4...1024; 16-64 suits nearest-neighbour search.
    public init(entries: [IndexEntry], nodeSize: Int = 24) {
        let leafSize = min(1024, max(4, nodeSize))
        self.nodeSize = leafSize
        var items = [BuildItem]()
        items.reserveCapacity(entries.count)
        var lo = SIMD3<Float>(repeating: .infinity)
        var hi = SIMD3<Float>(repeating: -.infinity)
        for (i, e) in entries.enumerated() {
            let v = UnitSphere.vector(e.lonLat)
            let f = SIMD3<Float>(Float(v.x), Float(v.y), Float(v.z))
            lo = pointwiseMin(lo, f)
            hi = pointwiseMax(hi, f)
            items.append(BuildItem(
                point: IndexedPoint(x: f.x, y: f.y, z: f.z, attributes: e.attributes, splitAxis: 0),
                position: UInt32(truncatingIfNeeded: i)))
        }
        rootMin = lo
        rootMax = hi
        items.withUnsafeMutableBufferPointer { buf in
            KDTreeBuilder.build(buf, nodeSize: leafSize)
        }
        var pts = [IndexedPoint]()
        var lls = [LonLat]()
        var srcs = [UInt32]()
        pts.reserveCapacity(items.count)
        lls.reserveCapacity(items.count)
        srcs.reserveCapacity(items.count)
        for item in items {
            let e = entries[Int(item.position)]
            pts.append(item.point)
            lls.append(e.lonLat)
            srcs.append(e.source)
        }
        points = pts
        lonLats = lls
        sources = srcs
    }

    /// The number of stations indexed.
    public var count: Int { points.count }

    /// Bytes held by the index's arrays (from their capacities, not counting the array headers).
    public var memoryBytes: Int {
        points.capacity * MemoryLayout<IndexedPoint>.stride
            + lonLats.capacity * MemoryLayout<LonLat>.stride
            + sources.capacity * MemoryLayout<UInt32>.stride
    }
}

/// A point with its position in the builder's input, so the other arrays can follow the sort.
struct BuildItem {
    var point: IndexedPoint
    var position: UInt32
}

/// Sorts items into kd-tree order in place: an explicit stack of ranges, no recursion.
enum KDTreeBuilder {
    static func build(_ items: UnsafeMutableBufferPointer<BuildItem>, nodeSize: Int) {
        guard items.count > nodeSize + 1 else { return }
        var stack: [(Int, Int)] = [(0, items.count - 1)]
        while let (left, right) = stack.popLast() {
            if right - left <= nodeSize { continue }
            let axis = widestAxis(items, left, right)
            let m = (left + right) >> 1
            select(items, k: m, left: left, right: right, axis: axis)
            items[m].point.splitAxis = UInt8(axis)
            stack.append((left, m - 1))
            stack.append((m + 1, right))
        }
    }

    /// The axis (0 x, 1 y, 2 z) along which the items in `left...right` spread the most.
    static func widestAxis(_ items: UnsafeMutableBufferPointer<BuildItem>, _ left: Int, _ right: Int) -> Int {
        var lo = SIMD3<Float>(repeating: .infinity)
        var hi = SIMD3<Float>(repeating: -.infinity)
        for i in left...right {
            let p = items[i].point
            let v = SIMD3<Float>(p.x, p.y, p.z)
            lo = pointwiseMin(lo, v)
            hi = pointwiseMax(hi, v)
        }
        let extent = hi - lo
        if extent.x >= extent.y && extent.x >= extent.z { return 0 }
        return extent.y >= extent.z ? 1 : 2
    }

    /// Rearranges `left...right` so that item `k` holds the value it would have if the range were sorted
    /// along `axis`, with nothing greater before it and nothing smaller after it (Hoare partitioning
    /// around a median of three, as in Wirth's FIND; equal keys are fine).
    static func select(_ a: UnsafeMutableBufferPointer<BuildItem>, k: Int, left: Int, right: Int, axis: Int) {
        var l = left
        var r = right
        while l < r {
            let x = medianOfThree(
                a[l].point.coordinate(axis), a[k].point.coordinate(axis), a[r].point.coordinate(axis))
            var i = l
            var j = r
            repeat {
                while a[i].point.coordinate(axis) < x { i += 1 }
                while x < a[j].point.coordinate(axis) { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            } while i <= j
            if j < k { l = i }
            if k < i { r = j }
        }
    }

    static func medianOfThree(_ a: Float, _ b: Float, _ c: Float) -> Float {
        max(min(a, b), min(max(a, b), c))
    }
}
