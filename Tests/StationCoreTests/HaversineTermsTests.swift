import Foundation
import Testing
@testable import StationCore

@Suite("Haversine terms")
struct HaversineTermsTests {
    @Test("distance bit-identical to Earth.distanceMetres; bearing within 1e-6 deg of the textbook formula")
    func agreesWithSeparateFormulas() {
        var rng = SplitMix64(seed: 42)
        var compared = 0
        for i in 0..<20_000 {
            let a: LonLat
            let b: LonLat
            switch i % 4 {
            case 0:  // anywhere to anywhere, antipodes and poles included
                a = LonLat(lon: -180 + 360 * rng.nextUnit(), lat: -90 + 180 * rng.nextUnit())
                b = LonLat(lon: -180 + 360 * rng.nextUnit(), lat: -90 + 180 * rng.nextUnit())
            case 1:  // across the antimeridian
                a = LonLat(lon: 179.9 + 0.1 * rng.nextUnit(), lat: -60 + 120 * rng.nextUnit())
                b = LonLat(lon: -180 + 0.1 * rng.nextUnit(), lat: a.lat + 0.1 * (rng.nextUnit() - 0.5))
            default:  // a worker and a station in Beijing, 1 m to 50 km apart
                a = LonLat(lon: 115.4 + 2.1 * rng.nextUnit(), lat: 39.4 + 1.7 * rng.nextUnit())
                let scale = pow(10, -5 + 4.7 * rng.nextUnit())
                b = LonLat(lon: a.lon + scale * (rng.nextUnit() - 0.5), lat: a.lat + scale * (rng.nextUnit() - 0.5))
            }
            let terms = HaversineTerms(from: DistanceOrigin(a), to: b)
            #expect(terms.distanceMetres == Earth.distanceMetres(a, b))
            let bearing = terms.bearingDegrees
            #expect(bearing >= 0 && bearing < 360)
            guard terms.distanceMetres > 0.01, terms.distanceMetres < 2.0e7 else { continue }  // undefined at 0 and antipodes
            let textbook = Earth.bearingDegrees(from: a, to: b)
            let gap = abs(bearing - textbook)
            #expect(min(gap, 360 - gap) < 1e-6, "\(a) -> \(b): \(bearing) vs \(textbook)")
            compared += 1
        }
        #expect(compared > 19_000)
    }

    @Test("due north 0, due east about 90, due south 180, due west about 270; across the antimeridian east is east")
    func compassPoints() {
        let o = DistanceOrigin(LonLat(lon: 116.4, lat: 39.9))
        #expect(HaversineTerms(from: o, to: LonLat(lon: 116.4, lat: 40.0)).bearingDegrees == 0)
        #expect(abs(HaversineTerms(from: o, to: LonLat(lon: 116.5, lat: 39.9)).bearingDegrees - 89.968) < 0.001)
        #expect(HaversineTerms(from: o, to: LonLat(lon: 116.4, lat: 39.8)).bearingDegrees == 180)
        #expect(abs(HaversineTerms(from: o, to: LonLat(lon: 116.3, lat: 39.9)).bearingDegrees - 270.032) < 0.001)
        let date = DistanceOrigin(LonLat(lon: 179.99, lat: 0))
        #expect(abs(HaversineTerms(from: date, to: LonLat(lon: -179.99, lat: 0)).bearingDegrees - 90) < 1e-9)
    }
}

@Suite("Unit sphere")
struct UnitSphereTests {
    @Test("the vector from a prepared origin has the same bits; the key bound without a sine is above the exact one")
    func vectorAndKeyBound() {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<10_000 {
            let p = LonLat(lon: -180 + 360 * rng.nextUnit(), lat: -90 + 180 * rng.nextUnit())
            #expect(UnitSphere.vector(DistanceOrigin(p)) == UnitSphere.vector(p))
            let d = pow(10, 7.3 * rng.nextUnit())
            let exact = UnitSphere.chord(forDistanceMetres: d) + UnitSphere.storageToleranceChord
            #expect(UnitSphere.keyAbove(distanceMetres: d) >= exact * exact)
        }
        // 1 km: the bound exceeds the exact key by far less than the tolerance allows for.
        let c = UnitSphere.chord(forDistanceMetres: 1000) + UnitSphere.storageToleranceChord
        #expect(UnitSphere.keyAbove(distanceMetres: 1000) - c * c < 1e-16)
    }
}
