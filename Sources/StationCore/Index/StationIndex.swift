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

/// The per-station values a filter needs, packed so the search never touches a ``Station`` while it scans.
public struct StationAttributes: Hashable, Sendable {
    /// Identifies the station's organization among the catalog's organizations (`0`: none).
    public var organizationID: UInt32
    /// Index of the station's compiled opening hours in the catalog's table.
    public var hoursID: UInt32
    /// The station's amenities as an ``AmenitySet`` bit mask (14 amenities fit in 16 bits).
    public var amenityBits: UInt16
    /// `1 << grade ordinal` (A = 1, B = 2, C = 4), so a grade filter is one AND.
    public var gradeBit: UInt8

    public init(organizationID: UInt32, hoursID: UInt32, amenityBits: UInt16, gradeBit: UInt8) {
        self.organizationID = organizationID
        self.hoursID = hoursID
        self.amenityBits = amenityBits
        self.gradeBit = gradeBit
    }

    /// The grade whose bit ``gradeBit`` is.
    public var grade: Grade { gradeBit == 1 ? .A : (gradeBit == 2 ? .B : .C) }

    /// The bit of a grade in ``gradeBit`` and in grade masks.
    public static func bit(of grade: Grade) -> UInt8 {
        switch grade {
        case .A: return 1
        case .B: return 2
        case .C: return 4
        }
    }
}

/// A static kd-tree over stations on the unit sphere, in flat arrays (in the spirit of kdbush).
///
/// Why 3D unit vectors rather than longitude/latitude: the straight-line (chord) distance between two
/// points grows with their great-circle distance, and the Euclidean distance from a point to a box bounds
/// the chord to anything inside, so the tree needs plain arithmetic only, with no special case at the
/// antimeridian or the poles. The vectors are rotated into a ``LocalFrame`` so boxes hug a city's patch.
///
/// Built once by selecting the median of every range along its widest axis, so the tree is implicit: a
/// node is a range of slots, its children the halves either side of its median. Immutable and
/// `Sendable`: a changed ledger gets a new index built beside the old one and swapped in whole.
public struct StationIndex: Sendable {
    /// A leaf holds at most `nodeSize + 1` stations.
    public let nodeSize: Int
    let storage: IndexStorage
    /// Bounding box of all stored vectors.
    let rootMin: SIMD3<Float>
    let rootMax: SIMD3<Float>
    /// The rotation applied to every vector, stored and query alike.
    let frame: LocalFrame

    /// Builds the tree. `nodeSize` is clamped to 4...1024; 16-64 suits nearest-neighbour search.
    public init(entries: [IndexEntry], nodeSize: Int = 24) {
        self.nodeSize = min(1024, max(4, nodeSize))
        let frame = LocalFrame(entries.lazy.map(\.lonLat))
        self.frame = frame
        var items = entries.indices.map { i -> BuildItem in
            let v = frame.rotate(Earth.unitVector(entries[i].lonLat))
            return BuildItem(point: SIMD3<Float>(Float(v.x), Float(v.y), Float(v.z)), entry: UInt32(i), splitAxis: 0)
        }
        rootMin = items.reduce(SIMD3(repeating: .infinity)) { pointwiseMin($0, $1.point) }
        rootMax = items.reduce(SIMD3(repeating: -.infinity)) { pointwiseMax($0, $1.point) }
        KDTreeBuilder.build(&items, nodeSize: self.nodeSize)
        storage = IndexStorage(items, entries: entries)
    }

    /// The number of stations indexed.
    public var count: Int { storage.count }

    /// Bytes held by the index's arrays.
    public var memoryBytes: Int { storage.memoryBytes }
}

/// The index's arrays in tree order, one per field, allocated once and never written after the build.
///
/// Why one array per field: a leaf's stations are a run of slots, so their coordinates and packed words
/// load four at a time into vector registers (``NearestSearch/scanLeaf(_:_:)``); the four-wide arrays
/// are padded by three entries so the last step of the last leaf stays in bounds. Raw memory rather than
/// `Array` so the search reads it with no bounds checks or exclusivity bookkeeping; `@unchecked Sendable`
/// is sound because nothing writes it after `init`.
final class IndexStorage: @unchecked Sendable {
    let count: Int
    /// The rotated unit vector (``LocalFrame``), single precision: `axes[a]` is axis `a` (x, y, z).
    let axes: [UnsafeMutablePointer<Float>]
    /// Amenity bits (0-15), grade bit (16-23) and, at an inner node's median, its split axis (24-31).
    let words: UnsafeMutablePointer<UInt32>
    let organizations: UnsafeMutablePointer<UInt32>
    let hoursIDs: [UInt32]
    let lonLats: [LonLat]
    let sources: [UInt32]

    init(_ items: [BuildItem], entries: [IndexEntry]) {
        count = items.count
        let padded = count + 3
        axes = (0..<3).map { axis in
            let p = UnsafeMutablePointer<Float>.allocate(capacity: padded)
            p.initialize(repeating: 0, count: padded)
            for (i, item) in items.enumerated() { p[i] = item.point[axis] }
            return p
        }
        words = .allocate(capacity: padded)
        words.initialize(repeating: 0, count: padded)
        organizations = .allocate(capacity: padded)
        organizations.initialize(repeating: 0, count: padded)
        for (i, item) in items.enumerated() {
            let a = entries[Int(item.entry)].attributes
            words[i] = UInt32(a.amenityBits) | UInt32(a.gradeBit) << 16 | UInt32(item.splitAxis) << 24
            organizations[i] = a.organizationID
        }
        hoursIDs = items.map { entries[Int($0.entry)].attributes.hoursID }
        lonLats = items.map { entries[Int($0.entry)].lonLat }
        sources = items.map { entries[Int($0.entry)].source }
    }

    deinit {
        for p in axes { p.deallocate() }
        words.deallocate()
        organizations.deallocate()
    }

    var memoryBytes: Int { (count + 3) * 5 * 4 + count * (4 + MemoryLayout<LonLat>.stride + 4) }

    /// The attributes of the station in `slot`, unpacked.
    func attributes(_ slot: Int) -> StationAttributes {
        let w = words[slot]
        return StationAttributes(
            organizationID: organizations[slot], hoursID: hoursIDs[slot], amenityBits: UInt16(truncatingIfNeeded: w),
            gradeBit: UInt8(truncatingIfNeeded: w >> 16))
    }

    /// The split axis of the inner node whose median is `slot`.
    func splitAxis(_ slot: Int) -> Int { min(Int(words[slot] >> 24), 2) }
}

/// An orthonormal frame (east, north, up) at the mean direction of the indexed stations.
///
/// Why: a city's stations lie on a small, nearly flat patch of the sphere that is oblique to the x, y and z
/// axes, so axis-aligned boxes around parts of it are loose. In this frame the patch is nearly flat in the
/// third coordinate and boxes hug the data. A rotation keeps every chord length, so the search stays exact
/// everywhere on the globe.
struct LocalFrame: Sendable {
    let east: SIMD3<Double>
    let north: SIMD3<Double>
    let up: SIMD3<Double>

    init<S: Sequence>(_ points: S) where S.Element == LonLat {
        let sum = points.reduce(SIMD3<Double>(repeating: 0)) { $0 + Earth.unitVector($1) }
        let length = (sum * sum).sum().squareRoot()
        guard length > 1e-9, length.isFinite else {
            (east, north, up) = (SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))
            return
        }
        let u = sum / length
        // East is perpendicular to the pole axis and up; near a pole any perpendicular will do.
        var e = SIMD3<Double>(-u.y, u.x, 0)
        if (e * e).sum() < 1e-12 { e = SIMD3(0, -u.z, u.y) }
        e /= (e * e).sum().squareRoot()
        (east, north, up) = (e, Earth.cross(u, e), u)
    }

    func rotate(_ v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3((east * v).sum(), (north * v).sum(), (up * v).sum())
    }
}

/// A station while the tree is built: its vector, its position in the entries, and (at the median of an
/// inner node) the axis that node splits on.
struct BuildItem: Sendable {
    var point: SIMD3<Float>
    var entry: UInt32
    var splitAxis: UInt8
}

/// Sorts items into kd-tree order in place, with an explicit stack of ranges.
///
/// A large input has its top two levels split here and the four subtrees sorted side by side (disjoint
/// ranges): a million stations take about 0.6 s on one core.
enum KDTreeBuilder {
    /// Below this many items the tree is built on the calling thread alone.
    static let parallelThreshold = 100_000

    static func build(_ items: inout [BuildItem], nodeSize: Int) {
        guard items.count > nodeSize + 1 else { return }
        guard items.count >= parallelThreshold else {
            build(&items[...], nodeSize: nodeSize)
            return
        }
        let (left, right) = split(&items[...], 0, items.count - 1)
        let halves = [left, right].map { split(&items[...], $0.0, $0.1) }
        let subtrees = halves.flatMap { [$0.below, $0.above] }
        let snapshot = items
        let sorted = Parallel.map(subtrees.count) { k -> [BuildItem] in
            var part = Array(snapshot[subtrees[k].0...subtrees[k].1])
            build(&part[...], nodeSize: nodeSize)
            return part
        }
        for (k, part) in sorted.enumerated() { items.replaceSubrange(subtrees[k].0...subtrees[k].1, with: part) }
    }

    /// Sorts the whole of `items` (a subtree) and everything below it.
    static func build(_ items: inout ArraySlice<BuildItem>, nodeSize: Int) {
        var stack = [(items.startIndex, items.endIndex - 1)]
        while let (left, right) = stack.popLast() {
            if right - left <= nodeSize { continue }
            let (below, above) = split(&items, left, right)
            stack.append(below)
            stack.append(above)
        }
    }

    /// Selects the median of `left...right` along its widest axis, marks it, and returns the two halves
    /// either side of it.
    static func split(
        _ items: inout ArraySlice<BuildItem>, _ left: Int, _ right: Int
    ) -> (below: (Int, Int), above: (Int, Int)) {
        var lo = SIMD3<Float>(repeating: .infinity)
        var hi = SIMD3<Float>(repeating: -.infinity)
        for i in left...right {
            lo = pointwiseMin(lo, items[i].point)
            hi = pointwiseMax(hi, items[i].point)
        }
        let extent = hi - lo
        let axis = extent.x >= extent.y && extent.x >= extent.z ? 0 : (extent.y >= extent.z ? 1 : 2)
        let m = (left + right) >> 1
        select(&items, k: m, left: left, right: right, axis: axis)
        items[m].splitAxis = UInt8(axis)
        return ((left, m - 1), (m + 1, right))
    }

    /// Rearranges `left...right` so that item `k` holds the value it would have if the range were sorted
    /// along `axis`, nothing greater before it and nothing smaller after it (Hoare partitioning around a
    /// median of three, as in Wirth's FIND).
    static func select(_ a: inout ArraySlice<BuildItem>, k: Int, left: Int, right: Int, axis: Int) {
        var l = left
        var r = right
        while l < r {
            let (p, q, s) = (a[l].point[axis], a[k].point[axis], a[r].point[axis])
            let x = max(min(p, q), min(max(p, q), s))
            var i = l
            var j = r
            repeat {
                while a[i].point[axis] < x { i += 1 }
                while x < a[j].point[axis] { j -= 1 }
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
}
