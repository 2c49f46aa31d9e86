import Foundation
import StationApp
import StationCore
import StationGeometry
import Synchronization

/// District coverage answers kept for the ledger snapshot in force, so that moving the map through
/// the hours reuses a district's union whenever the stations open around it are the same.
///
/// A district's answer depends only on its shape, the radius, the disc's segments, the stations a
/// place needs (one, or two for cross-coverage) and which eligible
/// stations lie close enough to reach it; the key holds exactly those (the reaching stations found
/// with a bounding box widened by the radius, a little generously, so the key never misses one that
/// counts). The memo belongs to one snapshot: a ledger write brings a new snapshot and empties it.
final class CoverageMemo: Sendable {
    struct Key: Hashable {
        var district: String
        var radiusMetres: Double
        var quadrantSegments: Int
        /// Stations a place needs within the radius (2: cross-coverage).
        var minStations: Int
        /// Indices (into the snapshot's coverage stations) of the eligible stations that can reach it.
        var reaching: [Int32]
    }

    private struct State {
        var snapshot: LedgerSnapshot?
        var entries: [Key: DistrictCoverage] = [:]
    }

    private let state = Mutex(State())
    /// Entries kept at most (about 16 districts × 250 distinct station sets); then the memo starts over.
    static let maxEntries = 4096

    /// Coverage of `shapes` under `options`, computing only the districts not answered before.
    func coverage(of shapes: [DistrictShape], options: CoverageOptions, in snapshot: LedgerSnapshot) throws -> [DistrictCoverage] {
        try options.validate()
        let stations = snapshot.coverage.stations
        let eligible = stations.indices.filter { options.isEligible(stations[$0]) }
        let keys = shapes.map { Self.key(for: $0, eligible: eligible, stations: stations, options: options) }
        var results: [DistrictCoverage?] = state.withLock { memo in
            if memo.snapshot !== snapshot { memo = State(snapshot: snapshot) }
            return keys.map { memo.entries[$0] }
        }
        let missing = results.indices.filter { results[$0] == nil }
        guard !missing.isEmpty else { return results.map { $0! } }
        let computed = try snapshot.coverage.coverage(of: missing.map { shapes[$0] }, options: options)
        for (i, answer) in zip(missing, computed) { results[i] = answer }
        state.withLock { memo in
            guard memo.snapshot === snapshot else { return }
            if memo.entries.count + missing.count > Self.maxEntries { memo.entries.removeAll() }
            for (i, answer) in zip(missing, computed) { memo.entries[keys[i]] = answer }
        }
        return results.map { $0! }
    }

    /// The eligible stations within the district's bounding box widened by the radius. Degrees are
    /// reckoned short (110 km a degree of latitude, and of longitude times the cosine at the box's
    /// edge furthest from the equator), so the box is a little larger than needed, never smaller.
    static func key(for shape: DistrictShape, eligible: [Int], stations: [CoverageStation], options: CoverageOptions) -> Key {
        let bounds = shape.bounds
        let latMargin = options.radiusMetres / 110_000
        let furthestLat = min(89.0, max(abs(bounds.min.lat), abs(bounds.max.lat)) + latMargin)
        let lonMargin = options.radiusMetres / (110_000 * cos(furthestLat * .pi / 180))
        let reaching = eligible.filter { i in
            let p = stations[i].location
            return p.lon >= bounds.min.lon - lonMargin && p.lon <= bounds.max.lon + lonMargin
                && p.lat >= bounds.min.lat - latMargin && p.lat <= bounds.max.lat + latMargin
        }
        return Key(district: shape.name.adcode, radiusMetres: options.radiusMetres,
                   quadrantSegments: options.quadrantSegments, minStations: options.minStations, reaching: reaching.map { Int32($0) })
    }
}
