import StationCore
@testable import StationGeometry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An independent coverage estimate: a fine longitude/latitude grid over the district, each
/// sample weighted by cos(latitude) (its true area), counted as covered when `minStations` stations
/// (default one) lie within the radius by haversine. No projection, no GEOS.
enum SamplingCoverage {
    static func percent(_ shape: DistrictShape, stations: [LonLat], radiusMetres: Double, samplesPerSide: Int,
                        minStations: Int = 1) -> Double {
        let b = shape.bounds
        let sorted = stations.sorted { $0.lat < $1.lat }
        let lats = sorted.map(\.lat)
        let dLatMax = radiusMetres / SyntheticData.metresPerDegree * 1.01
        let stepLon = (b.max.lon - b.min.lon) / Double(samplesPerSide)
        let stepLat = (b.max.lat - b.min.lat) / Double(samplesPerSide)
        var inside = 0.0, covered = 0.0
        for j in 0..<samplesPerSide {
            let lat = b.min.lat + (Double(j) + 0.5) * stepLat
            let w = cos(lat * Double.pi / 180)
            let lo = lowerBound(lats, lat - dLatMax)
            let hi = lowerBound(lats, lat + dLatMax)
            for i in 0..<samplesPerSide {
                let p = LonLat(lon: b.min.lon + (Double(i) + 0.5) * stepLon, lat: lat)
                guard contains(shape, p) else { continue }
                inside += w
                var reached = 0
                for k in lo..<hi where Earth.distanceMetres(p, sorted[k]) <= radiusMetres {
                    reached += 1
                    if reached >= minStations {
                        covered += w
                        break
                    }
                }
            }
        }
        return inside > 0 ? covered / inside * 100 : 0
    }

    /// Even-odd ray casting over every ring of every polygon.
    static func contains(_ shape: DistrictShape, _ p: LonLat) -> Bool {
        var inside = false
        for polygon in shape.polygons {
            for ring in [polygon.exterior] + polygon.holes {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let a = ring[i], c = ring[j]
                    if (a.lat > p.lat) != (c.lat > p.lat),
                       p.lon < (c.lon - a.lon) * (p.lat - a.lat) / (c.lat - a.lat) + a.lon {
                        inside.toggle()
                    }
                    j = i
                }
            }
        }
        return inside
    }

    private static func lowerBound(_ a: [Double], _ x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
