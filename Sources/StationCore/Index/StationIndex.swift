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
    let storage: IndexStorage
    /// Bounding box of all stored vectors.
    let rootMin: SIMD3<Float>
    let rootMax: SIMD3<Float>

    /// Builds the tree. `nodeSize` is clamped to 4...1024; 16-64 suits nearest-neighbour search.
    public init(entries: [IndexEntry], nodeSize: Int = 24) {
        let leafSize = min(1024, max(4, nodeSize))
        self.nodeSize = leafSize
        let n = entries.count
        let items = UnsafeMutableBufferPointer<BuildItem>.allocate(capacity: n)
        defer { items.deallocate() }
        var lo = SIMD3<Float>(repeating: .infinity)
        var hi = SIMD3<Float>(repeating: -.infinity)
        entries.withUnsafeBufferPointer { es in
            for i in 0..<n {
                let v = UnitSphere.vector(es[i].lonLat)
                let f = SIMD3<Float>(Float(v.x), Float(v.y), Float(v.z))
                lo = pointwiseMin(lo, f)
                hi = pointwiseMax(hi, f)
                (items.baseAddress! + i).initialize(to: BuildItem(
                    point: IndexedPoint(x: f.x, y: f.y, z: f.z, attributes: es[i].attributes, splitAxis: 0),
                    position: UInt32(truncatingIfNeeded: i)))
            }
        }
        rootMin = lo
        rootMax = hi
        KDTreeBuilder.build(items, nodeSize: leafSize)
        let storage = IndexStorage(count: n)
        entries.withUnsafeBufferPointer { es in
            for i in 0..<n {
                let e = es[Int(items[i].position)]
                (storage.points + i).initialize(to: items[i].point)
                (storage.lonLats + i).initialize(to: e.lonLat)
                (storage.sources + i).initialize(to: e.source)
            }
        }
        self.storage = storage
    }

    /// The number of stations indexed.
    public var count: Int { storage.count }

    /// Bytes held by the index's arrays (exact allocation sizes, not counting object headers).
    public var memoryBytes: Int {
        storage.count * (MemoryLayout<IndexedPoint>.stride + MemoryLayout<LonLat>.stride + MemoryLayout<UInt32>.stride)
    }
}

/// The index's three flat arrays, allocated once and never written after the build.
///
/// Raw buffers rather than `Array`s so the search loop reads them with no bounds checks, no
/// closures and no exclusivity bookkeeping. `@unchecked Sendable` is sound because nothing mutates the
/// memory after `init` returns, and `deinit` runs only when no reader holds the storage any more.
final class IndexStorage: @unchecked Sendable {
    let count: Int
    let points: UnsafeMutablePointer<IndexedPoint>
    let lonLats: UnsafeMutablePointer<LonLat>
    let sources: UnsafeMutablePointer<UInt32>

    init(count: Int) {
        self.count = count
        points = .allocate(capacity: max(1, count))
        lonLats = .allocate(capacity: max(1, count))
        sources = .allocate(capacity: max(1, count))
    }

    deinit {
        points.deinitialize(count: count)
        lonLats.deinitialize(count: count)
        sources.deinitialize(count: count)
        points.deallocate()
        lonLats.deallocate()
        sources.deallocate()
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
