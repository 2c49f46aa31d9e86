/// A node of the kd-tree waiting in the search: a range of slots and, per axis, the squared gap from the
/// query vector to the node's box (0 where the query lies within the box's extent), keyed by their sum:
/// the squared Euclidean distance to the box, a lower bound for the squared chord to anything inside.
/// 40 bytes.
///
/// Why gaps rather than the box: a child differs from its parent only along the split axis, and there
/// the nearer child keeps its parent's gap while the farther one's is the query's distance to the split
/// plane. So each step down costs one subtraction instead of two six-sided box distances (the same
/// values, summed in the same order, so the same keys to the bit).
struct NodeEntry {
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

/// A station the search found qualifying (screened in, or measured and accepted), waiting to be placed:
/// its slot and its key (squared chord, single-precision storage). 16 bytes.
struct FoundStation {
    var key: Double
    var slot: UInt32
}
