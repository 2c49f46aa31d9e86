/// JSON for nearest-station answers (CLI `--json` and the HTTP API): snake_case keys, metres and
/// degrees rounded to 0.1, times as local "YYYY-MM-DDTHH:MM" in the answer's time zone next to epoch seconds.
extension NearestAnswer: Encodable {
    enum CodingKeys: String, CodingKey { case query, results, alternatives, message }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(QueryJSON(answer: self), forKey: .query)
        try c.encode(results.map { ResultJSON($0, opensAt: nil, crs: query.crs, zone: timeZone) }, forKey: .results)
        try c.encode(
            alternatives.map { ResultJSON($0.station, opensAt: $0.opensAtEpochSeconds, crs: query.crs, zone: timeZone) },
            forKey: .alternatives)
        try c.encode(message, forKey: .message)
    }
}

/// Rounds to one decimal for printing (0.1 m, 0.1 degree, 0.1 minute).
@inline(__always) func roundedTenth(_ x: Double) -> Double { (x * 10).rounded() / 10 }

private struct QueryJSON: Encodable {
    var lon: Double
    var lat: Double
    var crs: String
    var lon_wgs84: Double
    var lat_wgs84: Double
    var at: String
    var at_epoch: Int64
    var time_zone: String
    var limit: Int
    var max_distance_m: Double?
    var amenities: [String]
    var grades: [String]
    var member: String?
    var mode: String
    var open: String
    var min_open_minutes: Int

    init(answer a: NearestAnswer) {
        let q = a.query
        lon = q.point.lon
        lat = q.point.lat
        crs = q.crs.rawValue
        lon_wgs84 = a.pointWGS84.lon
        lat_wgs84 = a.pointWGS84.lat
        at = a.timeZone.local(epochSeconds: q.atEpochSeconds).isoString
        at_epoch = q.atEpochSeconds
        time_zone = a.timeZone.identifier
        limit = q.limit
        max_distance_m = q.maxDistanceMetres
        amenities = q.requiredAmenities.map(\.rawValue)
        grades = q.grades.sorted().map(\.rawValue)
        member = q.memberOrganization
        mode = q.mode.rawValue
        open = q.openPolicy.rawValue
        min_open_minutes = q.minOpenMinutes
    }

    func encode(to encoder: Encoder) throws {
        // Written out so absent optionals appear as null rather than vanish.
        enum K: String, CodingKey {
            case lon, lat, crs, lon_wgs84, lat_wgs84, at, at_epoch, time_zone, limit, max_distance_m, amenities,
                grades, member, mode, open, min_open_minutes
        }
        var c = encoder.container(keyedBy: K.self)
        try c.encode(lon, forKey: .lon)
        try c.encode(lat, forKey: .lat)
        try c.encode(crs, forKey: .crs)
        try c.encode(lon_wgs84, forKey: .lon_wgs84)
        try c.encode(lat_wgs84, forKey: .lat_wgs84)
        try c.encode(at, forKey: .at)
        try c.encode(at_epoch, forKey: .at_epoch)
        try c.encode(time_zone, forKey: .time_zone)
        try c.encode(limit, forKey: .limit)
        try c.encode(max_distance_m, forKey: .max_distance_m)
        try c.encode(amenities, forKey: .amenities)
        try c.encode(grades, forKey: .grades)
        try c.encode(member, forKey: .member)
        try c.encode(mode, forKey: .mode)
        try c.encode(open, forKey: .open)
        try c.encode(min_open_minutes, forKey: .min_open_minutes)
    }
}

private struct ResultJSON: Encodable {
    let r: NearestResult
    let opensAt: Int64?
    let crs: CoordinateSystem
    let zone: HoursTimeZone

    init(_ r: NearestResult, opensAt: Int64?, crs: CoordinateSystem, zone: HoursTimeZone) {
        self.r = r
        self.opensAt = opensAt
        self.crs = crs
        self.zone = zone
    }

    enum K: String, CodingKey {
        case id, name, grade, address, lon, lat, crs, lon_crs, lat_crs, distance_m, bearing_deg, travel_minutes,
            arrival, arrival_epoch, state_on_arrival, closes_at, closes_at_epoch, opens_at, opens_at_epoch, amenities
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(r.id, forKey: .id)
        try c.encode(r.name, forKey: .name)
        try c.encode(r.grade.rawValue, forKey: .grade)
        try c.encode(r.address, forKey: .address)
        try c.encode(r.location.lon, forKey: .lon)
        try c.encode(r.location.lat, forKey: .lat)
        if let p = r.locationInCallerCRS {
            try c.encode(crs.rawValue, forKey: .crs)
            try c.encode(p.lon, forKey: .lon_crs)
            try c.encode(p.lat, forKey: .lat_crs)
        }
        try c.encode(roundedTenth(r.distanceMetres), forKey: .distance_m)
        try c.encode(roundedTenth(r.bearingDegrees), forKey: .bearing_deg)
        try c.encode(roundedTenth(r.travelMinutes), forKey: .travel_minutes)
        try c.encode(zone.local(epochSeconds: r.arrivalEpochSeconds).isoString, forKey: .arrival)
        try c.encode(r.arrivalEpochSeconds, forKey: .arrival_epoch)
        try c.encode(r.stateOnArrival.rawValue, forKey: .state_on_arrival)
        try c.encode(r.closesAtEpochSeconds.map { zone.local(epochSeconds: $0).isoString }, forKey: .closes_at)
        try c.encode(r.closesAtEpochSeconds, forKey: .closes_at_epoch)
        if let t = opensAt {
            try c.encode(zone.local(epochSeconds: t).isoString, forKey: .opens_at)
            try c.encode(t, forKey: .opens_at_epoch)
        }
        try c.encode(r.amenities.map(\.rawValue), forKey: .amenities)
    }
}
