import StationCore

/// A `bbox=minLon,minLat,maxLon,maxLat` filter (WGS-84 degrees). A box whose minLon exceeds its
/// maxLon crosses the antimeridian.
struct BoundingBox: Sendable {
    var minLon, minLat, maxLon, maxLat: Double

    init(parameter: String) throws {
        let parts = parameter.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw APIError.invalid("bbox", "bbox must be four numbers minLon,minLat,maxLon,maxLat, got '\(parameter)'")
        }
        minLon = parts[0]!; minLat = parts[1]!; maxLon = parts[2]!; maxLat = parts[3]!
        guard (-180...180).contains(minLon), (-180...180).contains(maxLon),
              (-90...90).contains(minLat), (-90...90).contains(maxLat), minLat <= maxLat
        else {
            throw APIError.invalid("bbox", "bbox must lie within -180..180, -90..90 with minLat <= maxLat, got '\(parameter)'")
        }
    }

    func contains(_ p: LonLat) -> Bool {
        guard p.lat >= minLat && p.lat <= maxLat else { return false }
        return minLon <= maxLon ? (p.lon >= minLon && p.lon <= maxLon) : (p.lon >= minLon || p.lon <= maxLon)
    }
}

import Foundation
