import Synchronization

/// Per station, the parts of its JSON in a nearest answer that no query changes (id, name, grade,
/// address, position; amenities), rendered once and reused.
///
/// Why: a nearest answer is mostly these fields, and writing them token by token was about a third of
/// the cost of answering `/v1/stations/nearest` over HTTP. Fragments are made the first time a station
/// appears in an answer (about 300 bytes each), so memory beyond one slot a station (8 bytes) grows only
/// with the stations actually returned. One per catalog: a ledger change builds a new catalog and with
/// it an empty cache.
///
/// Each slot is an atomic reference, set once: reading a fragment is one atomic load, with no lock and
/// no hashing (a mutex-guarded dictionary cost about 600 instructions a lookup, five lookups an answer).
/// `AtomicLazyReference` does the same but its `load()` is not inlinable, and the generic call cost as
/// much as the dictionary; `Atomic<Unmanaged<Fragment>?>` compiles to a plain load. Two queries
/// rendering the same station at once keep whichever fragment was stored first; each stored fragment
/// holds one retain, given back when the cache goes. `@unchecked Sendable` because the slots live in
/// memory this class allocates; they are only ever touched through their atomic operations.
public final class StationJSONFragments: @unchecked Sendable {
    /// Two runs of complete member text without braces (`"id":"S1","name":...`), for
    /// ``JSONWriter/members(_:)``: the head, from `"id"` to `"lat"`, then the tail, the `"amenities"`
    /// member.
    final class Fragment: Sendable {
        let text: [UInt8]
        let headCount: Int

        init(head: [UInt8], tail: [UInt8]) {
            text = head + tail
            headCount = head.count
        }
    }

    private let stations: [Station]
    private let slots: UnsafeMutablePointer<Atomic<Unmanaged<Fragment>?>>

    init(stations: [Station]) {
        self.stations = stations
        slots = .allocate(capacity: max(1, stations.count))
        for i in 0..<stations.count { (slots + i).initialize(to: Atomic(nil)) }
    }

    deinit {
        for i in 0..<stations.count { slots[i].load(ordering: .acquiring)?.release() }
        slots.deinitialize(count: stations.count)
        slots.deallocate()
    }

    /// The fragment of the station `record` names, when the record is one of this cache's stations (the
    /// same station list, not just an equal one); nil otherwise.
    func fragment(for record: StationRecord) -> Fragment? {
        let same = record.stations.withUnsafeBufferPointer { theirs in
            stations.withUnsafeBufferPointer { ours in theirs.baseAddress == ours.baseAddress }
        }
        return same && record.index >= 0 && record.index < stations.count ? fragment(record.index) : nil
    }

    /// The fragment of `stations[index]`, rendered now if no answer has needed it yet.
    func fragment(_ index: Int) -> Fragment {
        if let known = slots[index].load(ordering: .acquiring) { return known.takeUnretainedValue() }
        let s = stations[index]
        let fragment = Fragment(
            head: JSONWriter.renderMembers { w in Self.writeHead(s.id, s.name, s.grade, s.address, s.location, into: &w) },
            tail: JSONWriter.renderMembers { w in Self.writeTail(s.amenities, into: &w) })
        let mine = Unmanaged.passRetained(fragment)
        let (stored, winner) = slots[index].compareExchange(expected: nil, desired: mine, ordering: .acquiringAndReleasing)
        if stored { return fragment }
        mine.release()
        return winner!.takeUnretainedValue()
    }

    /// How many stations have a fragment so far.
    public var count: Int {
        var n = 0
        for i in 0..<stations.count where slots[i].load(ordering: .acquiring) != nil { n += 1 }
        return n
    }

    /// The leading members of a result object; also how results are written without a cache.
    static func writeHead(
        _ id: String, _ name: String, _ grade: Grade, _ address: String?, _ location: LonLat, into w: inout JSONWriter
    ) {
        w.key("id"); w.string(id)
        w.key("name"); w.string(name)
        w.key("grade"); w.string(grade.rawValue)
        w.key("address"); w.string(address)
        w.key("lon"); w.number(location.lon)
        w.key("lat"); w.number(location.lat)
    }

    /// The closing member of a result object.
    static func writeTail(_ amenities: AmenitySet, into w: inout JSONWriter) {
        w.key("amenities"); w.amenities(amenities)
    }
}
