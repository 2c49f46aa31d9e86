import Foundation
import Testing
@testable import StationCore

@Suite("Small-angle series")
struct SmallAngleTests {
    /// How many units in the last place `a` is from `b`.
    func ulps(_ a: Double, _ b: Double) -> Double { abs(a - b) / b.ulp }

    /// The largest gap in ulps between `series` and `libm` over 500,000 arguments of magnitudes from
    /// `limit` down to `limit` / 1e11, alternately positive and negative.
    func worstUlps(
        seed: UInt64, limit: Double, _ series: (Double) -> Double, _ libm: (Double) -> Double
    ) -> Double {
        var rng = SplitMix64(seed: seed)
        var worst = 0.0
        for i in 0..<500_000 {
            let magnitude = limit * pow(10, -11 * rng.nextUnit())
            let x = i % 2 == 0 ? magnitude : -magnitude
            worst = max(worst, ulps(series(x), libm(x)))
        }
        return worst
    }

    @Test("sine within one ulp of the C library's over its series range, and the C library's beyond")
    func sineAgreesWithLibm() {
        let worst = worstUlps(seed: 31, limit: SmallAngle.sineLimit, SmallAngle.sine, sin)
        #expect(worst <= 1, "worst \(worst) ulp")
        #expect(SmallAngle.sine(0) == 0)
        #expect(SmallAngle.sine(0.5) == sin(0.5))
        #expect(SmallAngle.sine(-3) == sin(-3))
    }

    @Test("arc sine within one ulp of the C library's over its series range, and the C library's beyond")
    func arcSineAgreesWithLibm() {
        let worst = worstUlps(seed: 32, limit: SmallAngle.arcSineLimit, SmallAngle.arcSine, asin)
        #expect(worst <= 1, "worst \(worst) ulp")
        #expect(SmallAngle.arcSine(0) == 0)
        #expect(SmallAngle.arcSine(0.3) == asin(0.3))
        #expect(SmallAngle.arcSine(1) == asin(1))
    }

    @Test("cosine of a latitude a small step away within 4e-16 of the C library's cosine")
    func cosineOfSum() {
        var rng = SplitMix64(seed: 33)
        var worst = 0.0
        for _ in 0..<200_000 {
            let phi = (-90 + 180 * rng.nextUnit()) * Double.pi / 180
            let halfDelta = SmallAngle.sineLimit * (2 * rng.nextUnit() - 1)
            let got = SmallAngle.cosineOfSum(sinPhi: sin(phi), cosPhi: cos(phi), sinHalfDelta: sin(halfDelta))
            worst = max(worst, abs(got - cos(phi + 2 * halfDelta)))
        }
        #expect(worst < 4e-16, "worst \(worst)")
    }

    @Test("distances between nearby points within 1e-10 m of the textbook haversine with the C library")
    func distancesAgree() {
        var rng = SplitMix64(seed: 34)
        var worst = 0.0
        for _ in 0..<100_000 {
            let a = LonLat(lon: 115.4 + 2.1 * rng.nextUnit(), lat: 39.4 + 1.7 * rng.nextUnit())
            let scale = pow(10, -5 + 5 * rng.nextUnit())
            let b = LonLat(lon: a.lon + scale * (rng.nextUnit() - 0.5), lat: a.lat + scale * (rng.nextUnit() - 0.5))
            let r = Double.pi / 180
            let h = pow(sin((b.lat - a.lat) * r / 2), 2)
                + cos(a.lat * r) * cos(b.lat * r) * pow(sin((b.lon - a.lon) * r / 2), 2)
            let textbook = 2 * Earth.meanRadiusMetres * asin(min(1, h.squareRoot()))
            worst = max(worst, abs(Earth.distanceMetres(a, b) - textbook))
        }
        #expect(worst < 1e-10, "worst \(worst) m")
    }
}
