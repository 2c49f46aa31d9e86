import Dispatch

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
/// vector, the station's packed attributes, its exact longitude/latitude and the caller's index, one
/// array per field (``IndexStorage``): 44 bytes a station. See ``UnitSphere`` for why 3D.
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
    /// The rotation applied to every vector (stored and query): see ``LocalFrame``.
    let frame: LocalFrame

    /// Builds the tree. `nodeSize` is clamped to 4...1024; 16-64 suits nearest-neighbour search.
    public init(entries: [IndexEntry], nodeSize: Int = 24) {
        let leafSize = min(1024, max(4, nodeSize))
        self.nodeSize = leafSize
        let n = entries.count
        let items = UnsafeMutableBufferPointer<BuildItem>.allocate(capacity: n)
        defer { items.deallocate() }
        var lo = SIMD3<Float>(repeating: .infinity)
        var hi = SIMD3<Float>(repeating: -.infinity)
        let frame = LocalFrame(entries.lazy.map(\.lonLat))
        self.frame = frame
        entries.withUnsafeBufferPointer { es in
            for i in 0..<n {
                let v = frame.rotate(UnitSphere.vector(es[i].lonLat))
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
                let p = items[i].point
                let e = es[Int(items[i].position)]
                storage.xs[i] = p.x
                storage.ys[i] = p.y
                storage.zs[i] = p.z
                storage.words[i] = IndexStorage.word(p.attributes, splitAxis: p.splitAxis)
                storage.organizations[i] = p.attributes.organizationID
                storage.hoursIDs[i] = p.attributes.hoursID
                (storage.lonLats + i).initialize(to: e.lonLat)
                (storage.sources + i).initialize(to: e.source)
            }
        }
        self.storage = storage
    }

    /// The number of stations indexed.
    public var count: Int { storage.count }

    /// Bytes held by the index's arrays (exact allocation sizes, not counting object headers).
    public var memoryBytes: Int { storage.memoryBytes }
}

/// The index's flat arrays in tree order, one per field (structure of arrays), allocated once and never
/// written after the build.
///
/// Why one array per field: a leaf's stations are a run of slots, so their x, y and z coordinates, their
/// packed amenity-and-grade words and their organizations load four at a time into vector registers,
/// and the leaf scan tests four stations per step (``NearestSearch/scanLeaf(_:_:after:)``). The arrays read four
/// at a time are padded by ``lanePadding`` entries so the last step of the last leaf stays in bounds.
///
/// Raw buffers rather than `Array`s so the search loop reads them with no bounds checks, no closures and
/// no exclusivity bookkeeping. `@unchecked Sendable` is sound because nothing mutates the memory after
/// `init` returns, and `deinit` runs only when no reader holds the storage any more. 44 bytes a station:
/// three coordinates, the word, the organization and the hours id (4 bytes each), the exact
/// longitude/latitude (16) and the caller's index (4).
final class IndexStorage: @unchecked Sendable {
    static let lanePadding = 3
    let count: Int
    /// The rotated unit vector (``LocalFrame``), single precision.
    let xs: UnsafeMutablePointer<Float>
    let ys: UnsafeMutablePointer<Float>
    let zs: UnsafeMutablePointer<Float>
    /// How far apart (in elements) ``xs``, ``ys`` and ``zs`` are: they share one allocation.
    let axisStride: Int
    /// Amenity bits (0-15), grade bit (16-23) and, at an inner node's median, its split axis (24-31).
    let words: UnsafeMutablePointer<UInt32>
    let organizations: UnsafeMutablePointer<UInt32>
    let hoursIDs: UnsafeMutablePointer<UInt32>
    let lonLats: UnsafeMutablePointer<LonLat>
    let sources: UnsafeMutablePointer<UInt32>

    init(count: Int) {
        self.count = count
        let padded = count + Self.lanePadding
        // x, y and z in one allocation, `axisStride` apart, so a coordinate is read by axis number.
        axisStride = padded
        xs = .allocate(capacity: 3 * padded)
        xs.initialize(repeating: 0, count: 3 * padded)
        ys = xs + padded
        zs = xs + 2 * padded
        words = .allocate(capacity: padded)
        organizations = .allocate(capacity: padded)
        for p in [words, organizations] { p.initialize(repeating: 0, count: padded) }
        hoursIDs = .allocate(capacity: max(1, count))
        lonLats = .allocate(capacity: max(1, count))
        sources = .allocate(capacity: max(1, count))
    }

    deinit {
        xs.deallocate()
        for p in [words, organizations, hoursIDs, sources] { p.deallocate() }
        lonLats.deinitialize(count: count)
        lonLats.deallocate()
    }

    var memoryBytes: Int {
        let padded = count + Self.lanePadding
        return padded * 5 * MemoryLayout<UInt32>.stride
            + count * (MemoryLayout<UInt32>.stride + MemoryLayout<LonLat>.stride + MemoryLayout<UInt32>.stride)
    }

    /// The packed word of a station: amenity bits, grade bit, split axis.
    static func word(_ a: StationAttributes, splitAxis: UInt8) -> UInt32 {
        UInt32(a.amenityBits) | UInt32(a.gradeBit) << 16 | UInt32(splitAxis) << 24
    }

    /// The attributes of the station in `slot`, unpacked.
    @inline(__always)
    func attributes(_ slot: Int) -> StationAttributes {
        let w = words[slot]
        return StationAttributes(
            organizationID: organizations[slot], hoursID: hoursIDs[slot], amenityBits: UInt16(truncatingIfNeeded: w),
            gradeBit: UInt8(truncatingIfNeeded: w >> 16))
    }
}

/// An orthonormal frame (east, north, up) at the mean direction of the indexed stations.
///
/// Why: a city's stations lie on a small, nearly flat patch of the sphere that is oblique to the x, y and z
/// axes, so axis-aligned boxes around parts of it are loose and the search opens more nodes than it should.
/// Rotating every vector (stations and queries alike) into this frame makes the patch nearly flat in
/// the third coordinate, so splits fall on east and north and boxes hug the data. A rotation keeps every
/// chord length, so the search stays exact everywhere on the globe (antimeridian and poles included).
struct LocalFrame: Sendable {
    let east: SIMD3<Double>
    let north: SIMD3<Double>
    let up: SIMD3<Double>

    init<S: Sequence>(_ points: S) where S.Element == LonLat {
        var sum = SIMD3<Double>(repeating: 0)
        for p in points { sum += UnitSphere.vector(p) }
        let length = (sum * sum).sum().squareRoot()
        guard length > 1e-9, length.isFinite else {
            east = SIMD3(1, 0, 0)
            north = SIMD3(0, 1, 0)
            up = SIMD3(0, 0, 1)
            return
        }
        let u = sum / length
        // East is perpendicular to the pole axis and up; near a pole any perpendicular will do.
        var e = SIMD3<Double>(-u.y, u.x, 0)
        var el = (e * e).sum().squareRoot()
        if el < 1e-6 {
            e = SIMD3(0, -u.z, u.y)
            el = (e * e).sum().squareRoot()
        }
        e /= el
        let nn = SIMD3<Double>(u.y * e.z - u.z * e.y, u.z * e.x - u.x * e.z, u.x * e.y - u.y * e.x)
        east = e
        north = nn
        up = u
    }

    @inline(__always)
    func rotate(_ v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3((east * v).sum(), (north * v).sum(), (up * v).sum())
    }
}

/// The build buffer handed to the threads that sort disjoint subtrees of it.
struct SharedBuildBuffer: @unchecked Sendable {
    let items: UnsafeMutableBufferPointer<BuildItem>
}

/// A point with its position in the builder's input, so the other arrays can follow the sort.
struct BuildItem {
    var point: IndexedPoint
    var position: UInt32
}

/// Sorts items into kd-tree order in place: an explicit stack of ranges, no recursion.
///
/// A large input has its top two levels split here and the four subtrees sorted side by side, one per
/// core (disjoint ranges of the same buffer): a million stations take about 0.6 s on one core.
enum KDTreeBuilder {
    /// Below this many items the tree is built on the calling thread alone.
    static let parallelThreshold = 100_000

    static func build(_ items: UnsafeMutableBufferPointer<BuildItem>, nodeSize: Int) {
        guard items.count > nodeSize + 1 else { return }
        guard items.count >= parallelThreshold else {
            build(items, nodeSize: nodeSize, from: [(0, items.count - 1)])
            return
        }
        let (left, right) = split(items, 0, items.count - 1)
        let (leftLeft, leftRight) = split(items, left.0, left.1)
        let (rightLeft, rightRight) = split(items, right.0, right.1)
        let subtrees = [leftLeft, leftRight, rightLeft, rightRight]
        let shared = SharedBuildBuffer(items: items)
        DispatchQueue.concurrentPerform(iterations: subtrees.count) { k in
            build(shared.items, nodeSize: nodeSize, from: [subtrees[k]])
        }
    }

    /// Sorts the subtrees rooted at `ranges` (and everything below them).
    static func build(
        _ items: UnsafeMutableBufferPointer<BuildItem>, nodeSize: Int, from ranges: [(Int, Int)]
    ) {
        var stack = ranges
        while let (left, right) = stack.popLast() {
            if right - left <= nodeSize { continue }
            let (below, above) = split(items, left, right)
            stack.append(below)
            stack.append(above)
        }
    }

    /// Selects the median of `left...right` along its widest axis, marks it, and returns the two halves
    /// either side of it.
    static func split(
        _ items: UnsafeMutableBufferPointer<BuildItem>, _ left: Int, _ right: Int
    ) -> (below: (Int, Int), above: (Int, Int)) {
        let axis = widestAxis(items, left, right)
        let m = (left + right) >> 1
        select(items, k: m, left: left, right: right, axis: axis)
        items[m].point.splitAxis = UInt8(axis)
        return ((left, m - 1), (m + 1, right))
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
