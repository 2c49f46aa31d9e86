import StationCore

/// The members a nearest result and an along result share, written the same way for both.
extension JSONWriter {
    /// `id`, `name`, `grade`, `address`, `lon`, `lat`: the station's own fields.
    mutating func stationHead(id: String, name: String, grade: Grade, address: String?, location: LonLat) {
        key("id"); string(id)
        key("name"); string(name)
        key("grade"); string(grade.rawValue)
        key("address"); string(address)
        key("lon"); number(location.lon)
        key("lat"); number(location.lat)
    }

    /// `next_change`, `next_change_epoch`: the next change of state after arrival, or nulls.
    mutating func nextChange(_ t: Int64?, clock: inout LocalClock) {
        key("next_change")
        if let t { localTime(clock.local(epochSeconds: t)) } else { null() }
        key("next_change_epoch"); integer(t)
    }

    /// `crs`, `lon_crs`, `lat_crs` when the caller asked in another system than WGS-84.
    mutating func callerPosition(_ p: LonLat?, crs: CoordinateSystem) {
        guard let p else { return }
        key("crs"); string(crs)
        key("lon_crs"); number(p.lon)
        key("lat_crs"); number(p.lat)
    }

    /// `opens_at`, `opens_at_epoch` for an alternative that qualifies later.
    mutating func opensAt(_ t: Int64?, clock: inout LocalClock) {
        guard let t else { return }
        key("opens_at"); localTime(clock.local(epochSeconds: t))
        key("opens_at_epoch"); integer(t)
    }
}
