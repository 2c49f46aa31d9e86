/// An entry of a ``SearchHeap``: anything ordered by a `Double` key.
protocol HeapKeyed {
    var key: Double { get }
}

/// A node of the kd-tree waiting in the search: a range of slots and, per axis, the squared gap from the
/// query vector to the node's box (0 where the query lies within the box's extent), keyed by their sum:
/// the squared Euclidean distance to the box, a lower bound for the squared chord to anything inside.
/// 40 bytes.
///
/// Why gaps rather than the box: a child differs from its parent only along the split axis, and there
/// the nearer child keeps its parent's gap while the farther one's is the query's distance to the split
/// plane. So each step down costs one subtraction instead of two six-sided box distances (the same
/// values, summed in the same order, so the same keys to the bit).
struct NodeEntry: HeapKeyed {
    var key: Double
    /// First and last slot of the node.
    var lo: UInt32
    var hi: UInt32
    /// Squared gaps along x, y and z: a tuple, so the search can set one by axis number.
    var gaps: (Double, Double, Double)

    /// The key of these gaps, summed as a box distance is (x, then y, then z).
    @inline(__always)
    static func key(_ gaps: (Double, Double, Double)) -> Double { gaps.0 + gaps.1 + gaps.2 }
}

/// A station waiting in the search: its slot, its key (squared chord, single-precision storage) and
/// whether the filter still needs its exact distance to decide. 16 bytes.
struct StationEntry: HeapKeyed {
    var key: Double
    var slot: UInt32
    var needsExactTest: Bool
}

/// A binary min-heap over a raw buffer, for one search.
///
/// Why not `Heap` from swift-collections: the search keeps two of these per query and they must cost
/// no allocation in the common case, so the heap starts in a buffer the caller lends (stack memory from
/// `withUnsafeTemporaryAllocation`) and moves to the heap only when a search wanders far; and the
/// search peeks at both minima on every step, which wants plain stored fields.
struct SearchHeap<Element: HeapKeyed> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int
    /// True once the entries live in memory this heap allocated (and must free).
    private var ownsBuffer = false

    /// Starts in `buffer` (not owned; must outlive the heap's use).
    init(lending buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    /// Frees memory this heap allocated itself (not the lent buffer).
    func release() {
        if ownsBuffer { base.deallocate() }
    }

    /// The smallest key, or +infinity when empty.
    @inline(__always)
    var minKey: Double { count > 0 ? base[0].key : .infinity }

    @inline(__always)
    mutating func push(_ e: Element) {
        if count == capacity { grow() }
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if base[parent].key <= e.key { break }
            (base + i).initialize(to: base[parent])
            i = parent
        }
        (base + i).initialize(to: e)
    }

    /// Removes and returns the entry with the smallest key; the heap must not be empty.
    @inline(__always)
    mutating func popMin() -> Element {
        let top = base[0]
        count -= 1
        let n = count
        if n == 0 { return top }
        let last = base[n]
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            // Which child is smaller is a coin toss a branch predictor loses: picked by arithmetic. Slot n
            // (the last entry's old place) is readable, so the right child's key is read even when it is
            // past the end, and discarded by the mask.
            child &+= (child &+ 1 < n ? 1 : 0) & (base[child &+ 1].key < base[child].key ? 1 : 0)
            if last.key <= base[child].key { break }
            base[i] = base[child]
            i = child
        }
        base[i] = last
        return top
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        if ownsBuffer { base.deallocate() }
        base = bigger
        capacity *= 2
        ownsBuffer = true
    }
}
