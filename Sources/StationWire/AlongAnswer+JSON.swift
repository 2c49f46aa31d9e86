import StationCore

/// JSON for along-the-route answers (CLI `--json` and the HTTP API), in the conventions of nearest's
/// (``NearestAnswer/jsonBytes(compact:)``): snake_case keys, metres rounded to 0.1, local times beside
/// epoch seconds, null for absent values.
extension AlongAnswer {
    /// `{"query": ..., "results": [...], "alternatives": [...], "message": ...}`; `compact` leaves out the
    /// query echo and the message.
    public func jsonBytes(compact: Bool = false) -> [UInt8] {
        writeJSON(compact: compact).bytes
    }

    /// Lends the answer's JSON without copying it out of the writer.
    public func withJSONBytes<R>(compact: Bool = false, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try writeJSON(compact: compact).withUnsafeBytes(body)
    }

    /// The same JSON as text.
    public func jsonText(compact: Bool = false) -> String { String(decoding: jsonBytes(compact: compact), as: UTF8.self) }

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

    private func writeQuery(_ w: inout JSONWriter, clock: inout LocalClock) {
        let q = query
        w.beginObject()
        w.key("route_positions"); w.integer(q.route.count)
        w.key("route_length_m"); w.tenths(route.lengthMetres)
        w.key("crs"); w.string(q.crs)
        w.key("at"); w.localTime(clock.local(epochSeconds: q.atEpochSeconds))
        w.key("at_epoch"); w.integer(q.atEpochSeconds)
        w.key("time_zone"); w.string(timeZone.identifier)
        w.key("limit"); w.integer(q.limit)
        w.key("max_detour_m"); w.number(q.maxDetourMetres)
        w.key("amenities"); w.amenities(q.requiredAmenities)
        w.key("grades"); w.strings(q.grades.sorted().map(\.rawValue))
        w.key("member"); w.string(q.memberOrganization)
        w.key("mode"); w.string(q.mode)
        w.key("open"); w.string(q.openPolicy)
        w.key("min_open_minutes"); w.integer(q.minOpenMinutes)
        w.endObject()
    }

    private func write(_ r: AlongResult, opensAt: Int64?, clock: inout LocalClock, into w: inout JSONWriter) {
        w.beginObject()
        w.stationHead(id: r.id, name: r.name, grade: r.grade, address: r.address, location: r.location)
        w.callerPosition(r.locationInCallerCRS, crs: query.crs)
        w.key("along_m"); w.tenths(r.alongMetres)
        w.key("offset_m"); w.tenths(r.offsetMetres)
        w.key("detour_m"); w.tenths(r.detourMetres)
        w.key("arrival"); w.localTime(clock.local(epochSeconds: r.arrivalEpochSeconds))
        w.key("arrival_epoch"); w.integer(r.arrivalEpochSeconds)
        w.key("state_on_arrival"); w.string(r.stateOnArrival)
        w.nextChange(r.nextChangeEpochSeconds, clock: &clock)
        w.opensAt(opensAt, clock: &clock)
        w.key("amenities"); w.amenities(r.amenities)
        w.key("closed_reports_7d"); w.integer(r.closedReports7d)
        w.endObject()
    }
}
