import Testing
@testable import StationCore

/// Conversions checked against vectors published by the eviltransform and coordtransform
/// projects, and round trips checked against the metre tolerance the ledger needs.
struct CoordinateSystemTests {
    /// eviltransform's test vector: WGS-84 (39.911954 N, 116.377817 E) is GCJ-02
    /// (39.91334545536069 N, 116.38404722455657 E).
    let wgs = LonLat(lon: 116.377817, lat: 39.911954)
    let gcj = LonLat(lon: 116.38404722455657, lat: 39.91334545536069)

    @Test func wgs84ToGCJ02MatchesPublishedVector() {
        let out = ChinaShift.wgs84ToGCJ02(wgs)
        #expect(abs(out.lon - gcj.lon) < 1e-9)
        #expect(abs(out.lat - gcj.lat) < 1e-9)
    }

    @Test func gcj02ToWGS84InvertsToUnderHalfAMetre() throws {
        let back = try CoordinateSystem.gcj02.toWGS84(gcj)
        #expect(Earth.distanceMetres(back, wgs) < 0.5)
        // The iteration is far tighter than the requirement: under a millimetre.
        #expect(Earth.distanceMetres(back, wgs) < 0.001)
    }

    /// coordtransform's README example: BD-09 (116.404, 39.915) is GCJ-02
    /// (116.39762729119315, 39.90865673957631), the usual one-step formula.
    @Test func bd09ToGCJ02MatchesPublishedVector() {
        let out = ChinaShift.bd09ToGCJ02(LonLat(lon: 116.404, lat: 39.915))
        // The iterated inverse differs from the one-step formula by well under 1e-5 degrees.
        #expect(abs(out.lon - 116.39762729119315) < 1e-5)
        #expect(abs(out.lat - 39.90865673957631) < 1e-5)
        let forward = ChinaShift.gcj02ToBD09(out)
        #expect(abs(forward.lon - 116.404) < 1e-9)
        #expect(abs(forward.lat - 39.915) < 1e-9)
    }

    @Test func roundTripsStayWithinHalfAMetreAcrossBeijing() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let p = LonLat(lon: 115.4 + rng.nextUnit() * 2.1, lat: 39.4 + rng.nextUnit() * 1.7)
            for system in CoordinateSystem.allCases {
                let shifted = system.fromWGS84(p)
                let back = try system.toWGS84(shifted)
                #expect(Earth.distanceMetres(back, p) < 0.5, "\(system) at \(p)")
            }
        }
    }

    @Test func shiftIsHundredsOfMetresInBeijing() {
        let d = Earth.distanceMetres(wgs, gcj)
        #expect(d > 100 && d < 700)
    }

    @Test func refusesPointsOutsideChinaForShiftedSystems() {
        let paris = LonLat(lon: 2.35, lat: 48.85)
        #expect(throws: CoordinateError.outsideChina(paris)) { try CoordinateSystem.gcj02.toWGS84(paris) }
        #expect(throws: CoordinateError.self) { try CoordinateSystem.bd09.toWGS84(paris) }
        #expect((try? CoordinateSystem.wgs84.toWGS84(paris)) == paris)
    }

    @Test func refusesOutOfRangeAndNaN() {
        #expect(throws: CoordinateError.self) { try CoordinateSystem.wgs84.toWGS84(LonLat(lon: 190, lat: 0)) }
        #expect(throws: CoordinateError.self) { try CoordinateSystem.wgs84.toWGS84(LonLat(lon: .nan, lat: 0)) }
        #expect(throws: CoordinateError.self) { try CoordinateSystem.gcj02.toWGS84(LonLat(lon: 116, lat: 91)) }
    }

    /// One degree of latitude on the mean-radius sphere is 111,195.08 m (pi R / 180).
    @Test func haversineMatchesHandValue() {
        let d = Earth.distanceMetres(LonLat(lon: 116, lat: 39), LonLat(lon: 116, lat: 40))
        #expect(abs(d - 111_195.08) < 0.01)
        #expect(Earth.bearingDegrees(from: LonLat(lon: 116, lat: 39), to: LonLat(lon: 116, lat: 40)) == 0)
        let east = Earth.bearingDegrees(from: LonLat(lon: 116, lat: 0), to: LonLat(lon: 117, lat: 0))
        #expect(abs(east - 90) < 1e-9)
    }
}
