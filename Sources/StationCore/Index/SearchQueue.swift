/// One entry of the best-first search: a node (a range of slots with its bounding box) or a single
/// station slot, keyed by the squared chord lower bound from the query point. 40 bytes.
@usableFromInline
struct SearchEntry {
    @usableFromInline var key: Double
    /// First slot of a node, or the slot of a station.
    @usableFromInline var lo: UInt32
    /// Last slot of a node, or `UInt32.max` for a station.
    @usableFromInline var hi: UInt32
    @usableFromInline var boxMin: SIMD3<Float>
    @usableFromInline var boxMax: SIMD3<Float>

    @inlinable var isStation: Bool { hi == UInt32.max }

    @inlinable
    init(key: Double, lo: UInt32, hi: UInt32, boxMin: SIMD3<Float>, boxMax: SIMD3<Float>) {
        self.key = key
        self.lo = lo
        self.hi = hi
        self.boxMin = boxMin
        self.boxMax = boxMax
    }
}

/// A binary min-heap of search entries on a flat array (reserved once per search).
@usableFromInline
struct SearchQueue {
    @usableFromInline var items: [SearchEntry]

    @inlinable
    init(capacity: Int) {
        items = []
        items.reserveCapacity(capacity)
    }

    @inlinable var isEmpty: Bool { items.isEmpty }

    @inlinable
    mutating func push(_ e: SearchEntry) {
        items.append(e)
        items.withUnsafeMutableBufferPointer { b in
            var i = b.count - 1
            while i > 0 {
                let parent = (i - 1) >> 1
                if b[parent].key <= e.key { break }
                b[i] = b[parent]
                i = parent
            }
            b[i] = e
        }
    }

    @inlinable
    mutating func popMin() -> SearchEntry? {
        guard let last = items.popLast() else { return nil }
        if items.isEmpty { return last }
        return items.withUnsafeMutableBufferPointer { b in
            let top = b[0]
            let n = b.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && b[child + 1].key < b[child].key { child += 1 }
                if last.key <= b[child].key { break }
                b[i] = b[child]
                i = child
            }
            b[i] = last
            return top
        }
    }
}
