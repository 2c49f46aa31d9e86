/// One station in a nearest-station answer, with what the worker needs to decide and go.
///
/// The station's text (id, name, address) is read from the catalog's station list when asked for
/// (``StationRecord``); everything else is stored.
public struct NearestResult: Sendable, Hashable {
    /// Where the station's text lives.
    let record: StationRecord
    public var id: String { record.stations[record.index].id }
    public var name: String { record.stations[record.index].name }
    public var address: String? { record.stations[record.index].address }
    public var grade: Grade
    /// WGS-84 position.
    public var location: LonLat
    /// The position in the caller's coordinate system; nil when the caller used WGS-84.
    public var locationInCallerCRS: LonLat?
    /// Great-circle (haversine, mean Earth radius) distance from the query point, metres.
    public var distanceMetres: Double
    /// Initial bearing from the query point to the station, degrees clockwise from north, [0, 360).
    public var bearingDegrees: Double
    /// Travel time with the query's ``TravelMode`` (detour factor included), minutes.
    public var travelMinutes: Double
    /// Query time plus travel time (rounded up to the second), epoch seconds.
    public var arrivalEpochSeconds: Int64
    /// The station's state at the arrival time.
    public var stateOnArrival: OpeningState
    /// The next change of state after arrival, epoch seconds: the closing time when the station is open
    /// on arrival, the opening time when it is closed; nil when it never changes within the schedule's horizon.
    public var closesAtEpochSeconds: Int64?
    public var amenities: AmenitySet
    /// Unresolved `closed` reports of the last 7 days, filled in by the caller (``ClosedReportTally``).
    public var closedReports7d = 0

    public static func == (a: NearestResult, b: NearestResult) -> Bool {
        a.id == b.id && a.name == b.name && a.address == b.address && a.grade == b.grade && a.location == b.location
            && a.locationInCallerCRS == b.locationInCallerCRS && a.distanceMetres == b.distanceMetres
            && a.bearingDegrees == b.bearingDegrees && a.travelMinutes == b.travelMinutes
            && a.arrivalEpochSeconds == b.arrivalEpochSeconds && a.stateOnArrival == b.stateOnArrival
            && a.closesAtEpochSeconds == b.closesAtEpochSeconds && a.amenities == b.amenities
            && a.closedReports7d == b.closedReports7d
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(distanceMetres)
        hasher.combine(arrivalEpochSeconds)
    }
}

/// A station of a catalog by position: the catalog's station list (shared, not copied) and the index in it.
///
/// Why: an answer names a handful of stations, and the HTTP API writes their text from pre-rendered
/// fragments without reading it. Copying id, name and address into every result cost a cache miss on
/// the 200-byte station record (the search itself reads only the index's arrays) and a reference-count
/// operation per string; the reference costs one for the list.
struct StationRecord: Sendable {
    let stations: [Station]
    let index: Int
}

/// A station that matches everything but the opening condition, offered when nothing is open.
public struct NearestAlternative: Sendable, Hashable {
    public var station: NearestResult
    /// The earliest instant at which the station satisfies the query's open policy: for
    /// ``OpenPolicy/arrival`` the earliest arrival (not before the computed one) at which it is open and stays
    /// open ``NearestQuery/minOpenMinutes``; for ``OpenPolicy/now`` the earliest time not before the
    /// query time at which it is open. Epoch seconds.
    public var opensAtEpochSeconds: Int64
}

/// The answer to a ``NearestQuery``: open stations nearest first, or, when there are none, the
/// alternatives that open soonest -- never an empty silence.
public struct NearestAnswer: Sendable {
    public var query: NearestQuery
    /// The query point converted to WGS-84.
    public var pointWGS84: LonLat
    /// Qualifying stations, nearest first; equal distances ordered by station id.
    public var results: [NearestResult]
    /// Empty unless ``results`` is. Otherwise: among the ``StationCatalog/alternativesPoolSize(limit:)``
    /// nearest stations that pass every filter except opening hours (amenities, grades, access, maximum
    /// distance), those that satisfy the open policy within ``StationCatalog/alternativesHorizonSeconds``,
    /// sorted by opening time, then distance, then id; at most `limit` of them.
    public var alternatives: [NearestAlternative]
    /// When ``results`` is empty: how many stations within reach pass every filter but opening hours
    /// (the pool the alternatives come from); 0 otherwise.
    public var candidatesIgnoringHours: Int
    /// The zone used to print times (Asia/Shanghai by default).
    public var timeZone: HoursTimeZone
    /// Where ``jsonBytes(compact:)`` finds the results' pre-rendered fields: the fragments of the catalog that
    /// answered, used for each result whose station record is that catalog's
    /// (``StationJSONFragments/fragment(for:)``). nil: every field is written afresh.
    var fragmentSource: StationJSONFragments?

    /// One sentence for a person: how many were found, or why none and what opens next.
    /// (Composed on demand, so queries that never print it do not pay for it.)
    public var message: String { NearestMessage.text(self) }
}
