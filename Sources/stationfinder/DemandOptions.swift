import ArgumentParser
import Foundation
import StationCore
import StationGeometry

/// `--demand FILE`: where demand sits, shared by coverage, profile and recommend (gaps has its own).
struct DemandOptions: ParsableArguments {
    @Option(help: "Demand: a population raster GDAL can read (GeoTIFF, any CRS; people per cell), GeoJSON points/polygons with a weight, or CSV lon,lat,weight. Default: spread evenly within each district.")
    var demand: String?

    /// The layer, read only where the districts are (a raster is windowed to their box); nil without --demand.
    func layer(for shapes: [DistrictShape]) throws -> DemandLayer? {
        guard let demand else { return nil }
        do {
            return try DemandLayer.load(path: demand, within: Self.box(of: shapes))
        } catch {
            throw ValidationError("invalid demand file: \(error)")
        }
    }

    /// The longitude/latitude box around the districts.
    static func box(of shapes: [DistrictShape]) -> (min: LonLat, max: LonLat)? {
        guard !shapes.isEmpty else { return nil }
        var lo = LonLat(lon: 180, lat: 90), hi = LonLat(lon: -180, lat: -90)
        for s in shapes {
            let b = s.bounds
            lo.lon = min(lo.lon, b.min.lon); lo.lat = min(lo.lat, b.min.lat)
            hi.lon = max(hi.lon, b.max.lon); hi.lat = max(hi.lat, b.max.lat)
        }
        return (lo, hi)
    }
}

/// `--walk-minutes N`: the radius a walk of N minutes reaches (nearest's 4.5 km/h and 1.3 detour).
struct WalkRadiusOption: ParsableArguments {
    @Option(help: "Set the radius from a walk of this many minutes (4.5 km/h, detour factor 1.3: 15 minutes is 865 m).")
    var walkMinutes: Double?

    /// The radius to use: the walk's when given, else `radius`; both given is refused.
    func radiusMetres(_ radius: Double, radiusGiven: Bool) throws -> Double {
        guard let walkMinutes else { return radius }
        if radiusGiven { throw ValidationError("use either --radius or --walk-minutes, not both") }
        let metres = CoverageOptions.radiusMetres(walkMinutes: walkMinutes)
        guard walkMinutes.isFinite, walkMinutes > 0, metres <= 50_000 else {
            throw ValidationError("--walk-minutes must be greater than 0 and reach at most 50 km (866 minutes), got \(walkMinutes)")
        }
        return metres
    }
}

extension CoverageCLI {
    /// The sentence printed when demand is spread evenly, so nobody reads area figures as population ones.
    static let uniformDemandNote = "Demand is spread evenly within each district (no --demand layer), so population-weighted figures equal area figures."
}
