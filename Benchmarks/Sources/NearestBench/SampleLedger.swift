import Foundation
import StationCore
import StationStore

/// The bundled sample ledger (geodata/stations-sample.csv) through the real importer, and the
/// queries scripts/wrk/nearest.lua sends: points in central Beijing with one amenity each, asked at
/// 04:00 Beijing time, when only the night stations are open (the hour the HTTP load test ran at).
enum SampleLedger {
    static func stations() throws -> [Station] {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..")
            .standardizedFileURL
        let geodata = repo.appendingPathComponent("geodata")
        let db = try StationDatabase.inMemory()
        try db.loadGeodata(directory: geodata)
        _ = try db.importLedger(
            files: [geodata.appendingPathComponent("stations-sample.csv")], crs: .wgs84, replace: false, actor: "bench")
        return try db.allStations()
    }

    static func queries(count: Int, localTime: String) -> [NearestQuery] {
        let at = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: localTime)!)
        let amenities: [Amenity] = [.drinking_water, .toilet, .heating, .phone_charging, .seating]
        var rng = SplitMix64(seed: 20_261_121)
        return (0..<count).map { i in
            NearestQuery(
                point: LonLat(lon: 116.20 + 0.40 * rng.nextUnit(), lat: 39.80 + 0.25 * rng.nextUnit()),
                atEpochSeconds: at, requiredAmenities: AmenitySet([amenities[i % amenities.count]]))
        }
    }
}
