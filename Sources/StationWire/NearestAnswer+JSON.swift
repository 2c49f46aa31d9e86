import StationCore

/// JSON for nearest-station answers (CLI `--json` and the HTTP API): snake_case keys, metres and
/// degrees rounded to 0.1, times as local "YYYY-MM-DDTHH:MM" in the answer's time zone next to
/// epoch seconds. Absent optional values are written as null rather than left out.
extension NearestAnswer {
    /// The answer as compact JSON bytes: `{"query": ..., "results": [...], "alternatives": [...], "message": ...}`;
    /// `compact` leaves out the query echo and the message (for phones: `{"results", "alternatives"}`).
    public func jsonBytes(compact: Bool = false) -> [UInt8] {
        writeJSON(compact: compact).bytes
    }

    /// Lends the answer's JSON without copying it out of the writer (e.g. into a server's own buffer).
    public func withJSONBytes<R>(compact: Bool = false, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try writeJSON(compact: compact).withUnsafeBytes(body)
    }

    private func writeJSON(compact: Bool) -> JSONWriter {
        var w = JSONWriter(capacity: 1024 + 700 * (results.count + alternatives.count))
        var clock = LocalClock(timeZone: timeZone)
        w.beginObject()
        if !compact {
            w.key("query")
            writeQuery(&w, clock: &clock)
        }
        w.key("results")
        w.beginArray()
        for r in results { write(r, opensAt: nil, clock: &clock, into: &w) }
        w.endArray()
        w.key("alternatives")
        w.beginArray()
        for a in alternatives { write(a.station, opensAt: a.opensAtEpochSeconds, clock: &clock, into: &w) }
        w.endArray()
        if !compact {
            w.key("message")
            w.string(message)
        }
        w.endObject()
        return w
    }

    /// The same JSON as text.
    public func jsonText() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    private func writeQuery(_ w: inout JSONWriter, clock: inout LocalClock) {
        let q = query
        w.beginObject()
        w.key("lon"); w.number(q.point.lon)
        w.key("lat"); w.number(q.point.lat)
        w.key("crs"); w.string(q.crs)
        w.key("lon_wgs84"); w.number(pointWGS84.lon)
        w.key("lat_wgs84"); w.number(pointWGS84.lat)
        w.key("at"); w.localTime(clock.local(epochSeconds: q.atEpochSeconds))
        w.key("at_epoch"); w.integer(q.atEpochSeconds)
        w.key("time_zone"); w.string(timeZone.identifier)
        w.key("limit"); w.integer(q.limit)
        w.key("max_distance_m"); w.number(q.maxDistanceMetres)
        w.key("amenities"); w.amenities(q.requiredAmenities)
        w.key("grades"); w.strings(q.grades.sorted().map(\.rawValue))
        w.key("member"); w.string(q.memberOrganization)
        w.key("mode"); w.string(q.mode)
        w.key("open"); w.string(q.openPolicy)
        w.key("min_open_minutes"); w.integer(q.minOpenMinutes)
        w.endObject()
    }

    /// One result object. `next_change` is the next change of state after arrival, opening or closing;
    /// `closes_at` and `closes_at_epoch` repeat it under their old names for one release (deprecated).
    private func write(_ r: NearestResult, opensAt: Int64?, clock: inout LocalClock, into w: inout JSONWriter) {
        w.beginObject()
        w.stationHead(id: r.id, name: r.name, grade: r.grade, address: r.address, location: r.location)
        w.callerPosition(r.locationInCallerCRS, crs: query.crs)
        w.key("distance_m"); w.tenths(r.distanceMetres)
        w.key("bearing_deg"); w.tenths(r.bearingDegrees)
        w.key("travel_minutes"); w.tenths(r.travelMinutes)
        w.key("arrival"); w.localTime(clock.local(epochSeconds: r.arrivalEpochSeconds))
        w.key("arrival_epoch"); w.integer(r.arrivalEpochSeconds)
        w.key("state_on_arrival"); w.string(r.stateOnArrival)
        w.nextChange(r.nextChangeEpochSeconds, clock: &clock)
        w.key("closes_at")
        if let t = r.nextChangeEpochSeconds { w.localTime(clock.local(epochSeconds: t)) } else { w.null() }
        w.key("closes_at_epoch"); w.integer(r.nextChangeEpochSeconds)
        w.opensAt(opensAt, clock: &clock)
        w.key("amenities"); w.amenities(r.amenities)
        w.key("closed_reports_7d"); w.integer(r.closedReports7d)
        w.endObject()
    }
}
