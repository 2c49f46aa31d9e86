/// One station in an along-the-route answer: where it meets the route, when the worker gets there and
/// whether it is open then; a value of its own, as ``NearestResult``.
public struct AlongResult: Sendable {
    public var id: String
    public var name: String
    public var address: String?
    public var grade: Grade
    /// WGS-84 position.
    public var location: LonLat
    /// The position in the caller's coordinate system; nil when the caller used WGS-84.
    public var locationInCallerCRS: LonLat?
    /// Great-circle distance from the station to the nearest point of the route, metres.
    public var offsetMetres: Double
    /// Distance along the route from its start to that nearest point, metres.
    public var alongMetres: Double
    /// Out to the station and back: 2 x ``offsetMetres``.
    public var detourMetres: Double { 2 * offsetMetres }
    /// Departure + (``alongMetres`` + detour factor x ``offsetMetres``) / speed, rounded up to the second.
    public var arrivalEpochSeconds: Int64
    public var stateOnArrival: OpeningState
    /// The next change of state after arrival (closing when open, opening when closed), epoch seconds; nil
    /// when none within the schedule's horizon.
    public var nextChangeEpochSeconds: Int64?
    public var amenities: AmenitySet
    /// Unresolved `closed` reports of the last 7 days, filled in by the caller (``ClosedReportTally``).
    public var closedReports7d = 0
}

/// A station along the route that matches everything but the opening condition, offered when nothing is open.
public struct AlongAlternative: Sendable {
    public var station: AlongResult
    /// The earliest instant the station satisfies the query's open policy (as in ``NearestAlternative``).
    public var opensAtEpochSeconds: Int64
}

/// The answer to an ``AlongQuery``: qualifying stations in the order the route reaches them, or, when there
/// are none, the stations nearest the route that open soonest.
public struct AlongAnswer: Sendable {
    public var query: AlongQuery
    /// The route in WGS-84 (its length is in the answer's echo).
    public var route: RoutePolyline
    /// Qualifying stations by ``AlongResult/alongMetres``, then offset, then id; at most `limit`.
    public var results: [AlongResult]
    /// Empty unless ``results`` is. Otherwise: of the ``StationCatalog/alternativesPoolSize(limit:)``
    /// stations nearest the route within the detour that pass every filter but opening hours, those that
    /// satisfy the open policy within ``StationCatalog/alternativesHorizonSeconds``, by opening time, then
    /// offset, then id; at most `limit`.
    public var alternatives: [AlongAlternative]
    /// When ``results`` is empty: how many stations within the detour pass every filter but opening hours.
    public var candidatesIgnoringHours: Int
    public var timeZone: HoursTimeZone

    /// One sentence for a person: how many were found, or why none and what opens next.
    public var message: String {
        var buffer = TextBuffer()
        AlongMessage.write(self, into: &buffer)
        return buffer.text
    }
}
