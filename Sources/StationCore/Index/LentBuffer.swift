/// A growable list for one search, starting in memory the caller lends.
///
/// Why not `Array`: a search keeps two of these per query (its node stack and the stations it found),
/// and they must cost no allocation in the common case, so each starts in stack memory from
/// `withUnsafeTemporaryAllocation` and moves to the heap only when a search wanders far; and the search
/// writes one entry past the end before deciding whether to keep it (``NearestSearch/descend(_:)``),
/// which an array's bounds checks forbid. Elements are plain values (no references), so entries are
/// simply overwritten and never deinitialized.
struct LentBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    /// How many entries are in use; the search may raise it by 0 or 1 after writing ``spare``.
    var count = 0
    private var capacity: Int
    /// True once the entries live in memory this buffer allocated (and must free).
    private var ownsBuffer = false

    /// Starts in `buffer` (not owned; must outlive the buffer's use).
    init(lending buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    /// Frees memory this buffer allocated itself (not the lent memory).
    func release() {
        if ownsBuffer { base.deallocate() }
    }

    /// The slot just past the last entry, made to exist: write an entry there, then keep it (or not) by
    /// adding 1 (or 0) to ``count``.
    @inline(__always)
    mutating func spare() -> UnsafeMutablePointer<Element> {
        if count == capacity { grow() }
        return base + count
    }

    @inline(__always)
    mutating func append(_ e: Element) {
        spare().initialize(to: e)
        count += 1
    }

    /// Removes and returns the last entry; the buffer must not be empty.
    @inline(__always)
    mutating func removeLast() -> Element {
        count -= 1
        return base[count]
    }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(never)
    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        if ownsBuffer { base.deallocate() }
        base = bigger
        capacity *= 2
        ownsBuffer = true
    }
}
