import Foundation
import Testing
@testable import StationCore

@Suite("Earth")
struct EarthTests {
    @Test("haversine distance agrees with the spherical law of cosines in atan2 form, written here")
    func distanceAgreesWithAnIndependentFormula() {
        var rng = SplitMix64(seed: 42)
        let r = 6_371_008.8
        for _ in 0..<20_000 {
            let a = LonLat(lon: -180 + 360 * rng.nextUnit(), lat: -90 + 180 * rng.nextUnit())
            let b = LonLat(lon: -180 + 360 * rng.nextUnit(), lat: -90 + 180 * rng.nextUnit())
            // Vincenty's special case of the sphere: atan2(|u x v|, u . v), on vectors built here.
            func vector(_ p: LonLat) -> (Double, Double, Double) {
                let (lon, lat) = (p.lon * .pi / 180, p.lat * .pi / 180)
                return (cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
            }
            let (u, v) = (vector(a), vector(b))
            let c = (u.1 * v.2 - u.2 * v.1, u.2 * v.0 - u.0 * v.2, u.0 * v.1 - u.1 * v.0)
            let expected = r * atan2((c.0 * c.0 + c.1 * c.1 + c.2 * c.2).squareRoot(), u.0 * v.0 + u.1 * v.1 + u.2 * v.2)
            #expect(abs(Earth.distanceMetres(a, b) - expected) < 1e-3, "\(a) -> \(b)")
        }
        // One degree of latitude on the mean sphere: 2 pi R / 360 = 111,195.08 m.
        #expect(abs(Earth.distanceMetres(LonLat(lon: 116.4, lat: 39.9), LonLat(lon: 116.4, lat: 40.9)) - 111_195.08) < 0.01)
    }

    @Test("due north 0, due east about 90, due south 180, due west about 270; across the antimeridian east is east")
    func compassPoints() {
        let o = LonLat(lon: 116.4, lat: 39.9)
        #expect(Earth.bearingDegrees(from: o, to: LonLat(lon: 116.4, lat: 40.0)) == 0)
        #expect(abs(Earth.bearingDegrees(from: o, to: LonLat(lon: 116.5, lat: 39.9)) - 89.968) < 0.001)
        #expect(Earth.bearingDegrees(from: o, to: LonLat(lon: 116.4, lat: 39.8)) == 180)
        #expect(abs(Earth.bearingDegrees(from: o, to: LonLat(lon: 116.3, lat: 39.9)) - 270.032) < 0.001)
        #expect(abs(Earth.bearingDegrees(from: LonLat(lon: 179.99, lat: 0), to: LonLat(lon: -179.99, lat: 0)) - 90) < 1e-9)
    }

    @Test("the vector from a prepared origin has the same bits; the key bound is above the exact key")
    func vectorAndKeyBound() {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<10_000 {
            let p = LonLat(lon: -180 + 360 * rng.nextUnit(), lat: -90 + 180 * rng.nextUnit())
            #expect(Earth.unitVector(DistanceOrigin(p)) == Earth.unitVector(p))
            let d = pow(10, 7.3 * rng.nextUnit())
            let exact = Earth.chord(forDistanceMetres: d) + SearchKey.storageToleranceChord
            #expect(SearchKey.above(distanceMetres: d) >= exact * exact)
            let below = Earth.chord(forDistanceMetres: d) - 2 * SearchKey.storageToleranceChord
            #expect(SearchKey.below(distanceMetres: d) <= max(0, below) * max(0, below))
        }
        // 1 km: the bound exceeds the exact key by far less than the tolerance allows for.
        let c = Earth.chord(forDistanceMetres: 1000) + SearchKey.storageToleranceChord
        #expect(SearchKey.above(distanceMetres: 1000) - c * c < 1e-16)
    }
}
