/// The members a nearest result and an along result share, written the same way for both: the
/// station's own fields (from its cached fragment when there is one), its position in the caller's
/// coordinate system, and when an alternative opens.
extension JSONWriter {
    /// `id`, `name`, `grade`, `address`, `lon`, `lat`: the fragment's head, else written out.
    mutating func stationHead(
        _ fragment: StationJSONFragments.Fragment?, id: String, name: String, grade: Grade, address: String?, location: LonLat
    ) {
        if let fragment {
            fragment.text.withUnsafeBufferPointer { members(UnsafeBufferPointer(rebasing: $0[..<fragment.headCount])) }
        } else {
            StationJSONFragments.writeHead(id, name, grade, address, location, into: &self)
        }
    }

    /// `amenities`: the fragment's tail, else written out.
    mutating func stationTail(_ fragment: StationJSONFragments.Fragment?, amenities: AmenitySet) {
        if let fragment {
            fragment.text.withUnsafeBufferPointer { members(UnsafeBufferPointer(rebasing: $0[fragment.headCount...])) }
        } else {
            StationJSONFragments.writeTail(amenities, into: &self)
        }
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
