import StationCore
@testable import StationGeometry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seeded synthetic districts and stations around Beijing for tests.
enum SyntheticData {
    /// Metres per degree of latitude on the mean sphere.
    static let metresPerDegree = Earth.meanRadiusMetres * Double.pi / 180

    /// A square district `sideMetres` wide centred on `centre`, with an optional square hole.
    static func square(adcode: String, centre: LonLat, sideMetres: Double, holeSideMetres: Double? = nil) -> DistrictShape {
        func ring(_ side: Double, ccw: Bool) -> [LonLat] {
            let dLat = side / 2 / metresPerDegree
            let dLon = dLat / cos(centre.lat * Double.pi / 180)
            var r = [LonLat(lon: centre.lon - dLon, lat: centre.lat - dLat), LonLat(lon: centre.lon + dLon, lat: centre.lat - dLat),
                     LonLat(lon: centre.lon + dLon, lat: centre.lat + dLat), LonLat(lon: centre.lon - dLon, lat: centre.lat + dLat)]
            if !ccw { r.reverse() }
            r.append(r[0])
            return r
        }
        let holes = holeSideMetres.map { [ring($0, ccw: false)] } ?? []
        return DistrictShape(name: DistrictName(adcode: adcode, name: "测试\(adcode)区", pinyin: "Test\(adcode)"),
                             polygons: [GeoPolygon(exterior: ring(sideMetres, ccw: true), holes: holes)])
    }

    /// A square that is exact in the azimuthal-equidistant plane centred on `centre` (edges densified),
    /// so a grid of cells aligned on its corner tiles it without slivers.
    static func planarSquare(adcode: String, centre: LonLat, sideMetres: Double) -> DistrictShape {
        let projection = AzimuthalEquidistant(centre: centre)
        let h = sideMetres / 2
        let corners = [(-h, -h), (h, -h), (h, h), (-h, h)]
        var ring: [LonLat] = []
        for k in 0..<4 {
            let (ax, ay) = corners[k], (bx, by) = corners[(k + 1) % 4]
            for i in 0..<100 {
                let t = Double(i) / 100
                ring.append(projection.inverse(x: ax + (bx - ax) * t, y: ay + (by - ay) * t))
            }
        }
        ring.append(ring[0])
        return DistrictShape(name: DistrictName(adcode: adcode, name: "测试\(adcode)区", pinyin: "Square\(adcode)"),
                             polygons: [GeoPolygon(exterior: ring)])
    }

    /// A star-shaped irregular district: `vertices` points at random radii between the given bounds.
    static func blob(adcode: String, centre: LonLat, minRadiusMetres: Double, maxRadiusMetres: Double,
                     vertices: Int, rng: inout SplitMix64) -> DistrictShape {
        var ring: [LonLat] = []
        let coslat = cos(centre.lat * Double.pi / 180)
        for i in 0..<vertices {
            let a = 2 * Double.pi * Double(i) / Double(vertices)
            let r = minRadiusMetres + (maxRadiusMetres - minRadiusMetres) * rng.nextUnit()
            ring.append(LonLat(lon: centre.lon + r * cos(a) / metresPerDegree / coslat, lat: centre.lat + r * sin(a) / metresPerDegree))
        }
        ring.append(ring[0])
        return DistrictShape(name: DistrictName(adcode: adcode, name: "测试\(adcode)区", pinyin: "Blob\(adcode)"),
                             polygons: [GeoPolygon(exterior: ring)])
    }

    /// `count` stations uniformly in the box around `centre` of half-width `spreadMetres`.
    static func stations(count: Int, centre: LonLat, spreadMetres: Double, rng: inout SplitMix64,
                         publicShare: Double = 1) -> [CoverageStation] {
        let coslat = cos(centre.lat * Double.pi / 180)
        return (0..<count).map { i in
            let dx = (rng.nextUnit() * 2 - 1) * spreadMetres
            let dy = (rng.nextUnit() * 2 - 1) * spreadMetres
            let isPublic = rng.nextUnit() < publicShare
            return CoverageStation(id: "S\(i)", location: LonLat(lon: centre.lon + dx / metresPerDegree / coslat,
                                                                 lat: centre.lat + dy / metresPerDegree),
                                   isPublic: isPublic)
        }
    }
}
