import StationCore
import Testing

@Suite("Azimuthal equidistant projection")
struct AzimuthalEquidistantTests {
    let centre = LonLat(lon: 116.366, lat: 39.912)  // Xicheng, roughly

    @Test func centreMapsToOrigin() {
        let xy = AzimuthalEquidistant(centre: centre).forward(centre)
        #expect(abs(xy.x) < 1e-9 && abs(xy.y) < 1e-9)
    }

    @Test func distanceFromCentreEqualsHaversine() {
        let projection = AzimuthalEquidistant(centre: centre)
        for p in [LonLat(lon: 116.9, lat: 40.5), LonLat(lon: 115.5, lat: 39.4), LonLat(lon: 116.37, lat: 39.92)] {
            let xy = projection.forward(p)
            let planar = (xy.x * xy.x + xy.y * xy.y).squareRoot()
            #expect(abs(planar - Earth.distanceMetres(centre, p)) < 1e-6 * max(1, planar))
        }
    }

    @Test func northIsPositiveYAndEastPositiveX() {
        let projection = AzimuthalEquidistant(centre: centre)
        let north = projection.forward(LonLat(lon: centre.lon, lat: centre.lat + 0.01))
        let east = projection.forward(LonLat(lon: centre.lon + 0.01, lat: centre.lat))
        // 0.01° of latitude on the mean sphere: 6371008.8 * π / 18000 = 1111.95 m.
        #expect(abs(north.y - 1111.9508) < 0.01 && abs(north.x) < 1e-9)
        #expect(east.x > 850 && east.x < 855)
    }

    @Test func inverseUndoesForward() {
        let projection = AzimuthalEquidistant(centre: centre)
        for p in [LonLat(lon: 117.4, lat: 40.9), LonLat(lon: 115.4, lat: 39.5), centre] {
            let xy = projection.forward(p)
            let back = projection.inverse(x: xy.x, y: xy.y)
            #expect(abs(back.lon - p.lon) < 1e-10 && abs(back.lat - p.lat) < 1e-10)
        }
    }
}
