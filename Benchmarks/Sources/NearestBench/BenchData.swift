import StationCore


/// Beijing's bounding box (WGS-84 degrees), where the benchmark spreads stations and queries.
enum BeijingBox {
    static let lon = 115.4...117.5
    static let lat = 39.4...41.1

    static func point(_ rng: inout SplitMix64) -> LonLat {
        LonLat(
            lon: lon.lowerBound + (lon.upperBound - lon.lowerBound) * rng.nextUnit(),
            lat: lat.lowerBound + (lat.upperBound - lat.lowerBound) * rng.nextUnit())
    }
}

/// Opening hours with realistic shares: (expression, weight in percent).
let hoursMix: [(String, Int)] = [
    ("24/7", 15),
    ("Mo-Fr 09:00-17:00; PH off", 25),
    ("Mo-Su 06:00-22:00", 25),
    ("Mo-Sa 08:00-12:00,13:30-18:00", 10),
    ("Tu-Su 09:00-20:00", 10),
    ("Mo-Fr 07:00-19:00; Sa 09:00-13:00; PH off", 10),
    ("Mo-Su 05:00-09:00,16:00-21:00", 5),
]

/// Share of stations offering each amenity, percent (toilet 60%, hot water 80%, ...).
let amenityShare: [Amenity: Int] = [
    .drinking_water: 95, .hot_water: 80, .seating: 90, .toilet: 60, .heating: 70, .air_conditioning: 65,
    .microwave: 50, .phone_charging: 85, .ebike_charging: 30, .wifi: 70, .first_aid: 75, .reading: 40,
    .storage: 20, .nursing_room: 5,
]

func makeStations(count: Int, seed: UInt64) -> [Station] {
    var rng = SplitMix64(seed: seed)
    var out: [Station] = []
    out.reserveCapacity(count)
    for i in 0..<count {
        let p = BeijingBox.point(&rng)
        var pick = Int(rng.next() % 100)
        var hours = hoursMix[0].0
        for (expr, w) in hoursMix {
            if pick < w { hours = expr; break }
            pick -= w
        }
        var amenities = AmenitySet()
        for a in Amenity.allCases where Int(rng.next() % 100) < amenityShare[a, default: 50] { amenities.insert(a) }
        let g = rng.next() % 10
        let grade: Grade = g < 3 ? .A : (g < 8 ? .B : .C)
        out.append(Station(
            id: "BJ\(i)", name: "Station \(i)", lon: p.lon, lat: p.lat, district: "110101", grade: grade,
            organization: grade == .C ? "org\(rng.next() % 500)" : nil, openingHours: hours,
            amenities: amenities, status: rng.next() % 50 == 0 ? .suspended : .active))
    }
    return out
}
