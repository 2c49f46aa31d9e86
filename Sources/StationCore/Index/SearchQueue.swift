/// One entry of the best-first search: a node (a range of slots with its bounding box) or a single
/// station slot, keyed by the squared chord lower bound from the query point. 40 bytes.
struct SearchEntry {
    var key: Double
    /// First slot of a node, or the slot of a station.
    var lo: UInt32
    /// Last slot of a node, or `UInt32.max` for a station.
    var hi: UInt32
    var minX: Float, minY: Float, minZ: Float
    var maxX: Float, maxY: Float, maxZ: Float

    var isStation: Bool { hi == UInt32.max }

    static func station(_ slot: Int, key: Double) -> SearchEntry {
        SearchEntry(
            key: key, lo: UInt32(truncatingIfNeeded: slot), hi: .max, minX: 0, minY: 0, minZ: 0, maxX: 0, maxY: 0, maxZ: 0)
    }
}

/// A binary min-heap of search entries in one raw buffer, owned by one search and freed by ``release()``.
///
/// Starts with room for 256 entries (10 KB, one allocation per search) and doubles when a search
/// wanders far (a filter that almost nothing passes).
struct SearchQueue {
    private(set) var base: UnsafeMutablePointer<SearchEntry>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    func release() { base.deallocate() }

    mutating func push(_ e: SearchEntry) {
        if count == capacity { grow() }
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if base[parent].key <= e.key { break }
            base[i] = base[parent]
            i = parent
        }
        base[i] = e
    }

    /// Removes and returns the entry with the smallest key; the queue must not be empty.
    mutating func popMin() -> SearchEntry {
        let top = base[0]
        count -= 1
        let n = count
        if n == 0 { return top }
        let last = base[n]
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && base[child + 1].key < base[child].key { child += 1 }
            if last.key <= base[child].key { break }
            base[i] = base[child]
            i = child
        }
        base[i] = last
        return top
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<SearchEntry>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
