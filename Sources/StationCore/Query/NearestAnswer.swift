/// One station in a nearest-station answer, with what the worker needs to decide and go: a value of
/// its own, which reads nothing back from the catalog that answered.
public struct NearestResult: Sendable, Hashable {
    public var id: String
    public var name: String
    public var address: String?
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
    public var nextChangeEpochSeconds: Int64?
    public var amenities: AmenitySet
    /// Unresolved `closed` reports of the last 7 days, filled in by the caller (``ClosedReportTally``).
    public var closedReports7d = 0
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

    /// One sentence for a person: how many were found, or why none and what opens next.
    /// (Composed on demand, so queries that never print it do not pay for it.)
    public var message: String { NearestMessage.text(self) }
}
