#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fixed points that can be asked "which of you lie within R metres of here" (haversine, mean
/// Earth radius), for one fixed R: a longitude/latitude bucket grid whose buckets are at least R
/// wide, so a query looks at its own bucket and the eight around it.
public struct RadiusNeighbours: Sendable {
    public let radiusMetres: Double
    private let points: [LonLat]
    private let minLon: Double, minLat: Double
    private let bucketLon: Double, bucketLat: Double
    private let columns: Int, rows: Int
    /// Start offsets into `order` per bucket (columns * rows + 1 entries).
    private let starts: [Int]
    private let order: [Int32]

    public init(points: [LonLat], radiusMetres: Double) {
        self.points = points
        self.radiusMetres = radiusMetres
        var lo = LonLat(lon: 180, lat: 90), hi = LonLat(lon: -180, lat: -90)
        for p in points {
            lo.lon = min(lo.lon, p.lon); lo.lat = min(lo.lat, p.lat)
            hi.lon = max(hi.lon, p.lon); hi.lat = max(hi.lat, p.lat)
        }
        if points.isEmpty { lo = LonLat(lon: 0, lat: 0); hi = lo }
        // A great-circle distance d spans at most d / R radians of latitude, and of longitude at most
        // that over the cosine of the highest latitude reached (with a margin for round-off).
        let latitudeSpan = radiusMetres / Earth.meanRadiusMetres * 180 / Double.pi * 1.001 + 1e-9
        let highest = min(89.0, max(abs(lo.lat), abs(hi.lat)) + latitudeSpan)
        bucketLat = latitudeSpan
        bucketLon = min(360, latitudeSpan / cos(highest * Double.pi / 180))
        minLon = lo.lon
        minLat = lo.lat
        // Cap the grid at a few million buckets; a coarser grid is only slower, never wrong.
        let wantColumns = Int((hi.lon - lo.lon) / bucketLon) + 1
        let wantRows = Int((hi.lat - lo.lat) / bucketLat) + 1
        columns = max(1, min(wantColumns, 4_096))
        rows = max(1, min(wantRows, 4_096))
        var counts = [Int](repeating: 0, count: columns * rows + 1)
        var bucketOf = [Int](repeating: 0, count: points.count)
        let (lonStep, latStep) = (Self.step(hi.lon - lo.lon, bucketLon, columns), Self.step(hi.lat - lo.lat, bucketLat, rows))
        for (i, p) in points.enumerated() {
            let c = min(columns - 1, Int((p.lon - lo.lon) / lonStep))
            let r = min(rows - 1, Int((p.lat - lo.lat) / latStep))
            bucketOf[i] = r * columns + c
            counts[bucketOf[i] + 1] += 1
        }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var fill = counts
        var order = [Int32](repeating: 0, count: points.count)
        for (i, b) in bucketOf.enumerated() {
            order[fill[b]] = Int32(i)
            fill[b] += 1
        }
        starts = counts
        self.order = order
        stepLon = lonStep
        stepLat = latStep
    }

    /// Bucket widths actually used (wider than asked when the grid was capped).
    private let stepLon: Double, stepLat: Double

    private static func step(_ span: Double, _ wanted: Double, _ count: Int) -> Double {
        max(wanted, span / Double(count) * 1.000001)
    }

    /// Indices of the points within `radiusMetres` of `centre` (boundary included), ascending.
    public func within(_ centre: LonLat) -> [Int32] {
        var out: [Int32] = []
        forEach(within: centre) { out.append($0) }
        out.sort()
        return out
    }

    /// Calls `body` with the index of each point within `radiusMetres` of `centre`.
    public func forEach(within centre: LonLat, _ body: (Int32) -> Void) {
        guard !points.isEmpty else { return }
        let origin = DistanceOrigin(centre)
        let c = Int(((centre.lon - minLon) / stepLon).rounded(.down))
        let r = Int(((centre.lat - minLat) / stepLat).rounded(.down))
        let rowLo = max(0, r - 1), rowHi = min(rows - 1, r + 1)
        let columnLo = max(0, c - 1), columnHi = min(columns - 1, c + 1)
        guard rowLo <= rowHi, columnLo <= columnHi else { return }
        for row in rowLo...rowHi {
            for column in columnLo...columnHi {
                let b = row * columns + column
                for k in starts[b]..<starts[b + 1] {
                    let i = order[k]
                    if Earth.distanceMetres(from: origin, to: points[Int(i)]) <= radiusMetres { body(i) }
                }
            }
        }
    }
}
