import Synchronization

/// Per station, the parts of its JSON in a nearest answer that no query changes (id, name, grade,
/// address, position; amenities), rendered once and reused.
///
/// Why: a nearest answer is mostly these fields, and writing them token by token was about a third of
/// the cost of answering `/v1/stations/nearest` over HTTP. Fragments are made the first time a station
/// appears in an answer, so memory grows only with the stations actually returned (about 300 bytes
/// each) and a catalog of a million stations costs nothing up front. One per catalog: a ledger change
/// builds a new catalog and with it an empty cache.
public final class StationJSONFragments: Sendable {
    /// Two runs of complete member text without braces (`"id":"S1","name":...`), for
    /// ``JSONWriter/members(_:)``: the head, from `"id"` to `"lat"`, then the tail, the `"amenities"`
    /// member. One array for both, so handing a fragment out retains one buffer, not two.
    struct Fragment: Sendable {
        let text: [UInt8]
        let headCount: Int

        init(head: [UInt8], tail: [UInt8]) {
            text = head + tail
            headCount = head.count
        }
    }

    private let stations: [Station]
    private let made = Mutex<[Int: Fragment]>([:])

    init(stations: [Station]) {
        self.stations = stations
    }

    /// The fragment of `stations[index]`, rendered now if no answer has needed it yet.
    func fragment(_ index: Int) -> Fragment {
        if let known = made.withLock({ $0[index] }) { return known }
        let s = stations[index]
        let fragment = Fragment(
            head: JSONWriter.renderMembers { w in Self.writeHead(s.id, s.name, s.grade, s.address, s.location, into: &w) },
            tail: JSONWriter.renderMembers { w in Self.writeTail(s.amenities, into: &w) })
        made.withLock { $0[index] = fragment }
        return fragment
    }

    /// How many stations have a fragment so far.
    public var count: Int { made.withLock { $0.count } }

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
