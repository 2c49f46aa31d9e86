import Foundation
import Testing
@testable import StationCore

@Suite("Arc tangent")
struct ArcTangentTests {
    @Test("within 1e-12 rad of the C library's atan2 over every octant and scale")
    func agreesWithLibm() {
        var rng = SplitMix64(seed: 2026)
        var worst = 0.0
        for i in 0..<200_000 {
            let scale = pow(10, -8 + 16 * rng.nextUnit())
            var y = (2 * rng.nextUnit() - 1) * scale
            var x = (2 * rng.nextUnit() - 1) * scale
            if i % 10 == 0 { x = y * (1 + 1e-9 * (rng.nextUnit() - 0.5)) }  // the diagonal, where the octants meet
            if i % 10 == 1 { y = x * 0.2679491924311227 }  // the 15-degree seam of the reduction
            let gap = abs(ArcTangent.radians(y: y, x: x) - atan2(y, x))
            worst = max(worst, gap)
        }
        #expect(worst < 1e-12, "worst \(worst)")
    }

    @Test("axes and zeros as the C function: exact 0, pi/2, pi, signs of zero kept")
    func axesAndZeros() {
        #expect(ArcTangent.radians(y: 0, x: 1) == 0)
        #expect(ArcTangent.radians(y: -0.0, x: 1).sign == .minus)
        #expect(ArcTangent.radians(y: 0, x: -1) == .pi)
        #expect(ArcTangent.radians(y: -0.0, x: -1) == -.pi)
        #expect(ArcTangent.radians(y: 2, x: 0) == .pi / 2)
        #expect(ArcTangent.radians(y: -2, x: 0) == -.pi / 2)
        #expect(ArcTangent.radians(y: 0, x: 0) == 0)
        #expect(ArcTangent.radians(y: 0, x: -0.0) == .pi)
        #expect(abs(ArcTangent.radians(y: 1, x: 1) - .pi / 4) < 1e-12)
        #expect(abs(ArcTangent.radians(y: -1, x: -1) + 3 * .pi / 4) < 1e-12)
    }
}
