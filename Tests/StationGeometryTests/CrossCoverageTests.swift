import Foundation
import StationCore
import Testing
@testable import StationGeometry

/// Area within the radius of at least two stations (the unions' "双15" cross-coverage).
@Suite("Cross-coverage")
struct CrossCoverageTests {
    @Test(arguments: [UInt64(11), 12, 13])
    func agreesWithIndependentSamplingWithinPointTwoPercentagePoints(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let c = LonLat(lon: 116.2 + 0.2 * rng.nextUnit(), lat: 39.8 + 0.2 * rng.nextUnit())
        let district = SyntheticData.blob(adcode: "92000\(seed)", centre: c, minRadiusMetres: 2_500, maxRadiusMetres: 6_000,
                                          vertices: 24, rng: &rng)
        let stations = SyntheticData.stations(count: 80 + Int(seed % 3) * 40, centre: c, spreadMetres: 7_000, rng: &rng, publicShare: 0.8)
        let radius = [500.0, 865.38, 700][Int(seed % 3)]
        let options = CoverageOptions(radiusMetres: radius, minStations: 2)
        let result = try CoverageAnalyzer(districts: [district], stations: stations).coverage(of: district, options: options)
        let eligible = stations.filter(options.isEligible).map(\.location)
        let sampled = SamplingCoverage.percent(district, stations: eligible, radiusMetres: radius, samplesPerSide: 500, minStations: 2)
        #expect(abs(result.coveragePct - sampled) < 0.2, "GEOS \(result.coveragePct) vs sampling \(sampled)")
        // Reached twice is a part of reached once.
        let once = try CoverageAnalyzer(districts: [district], stations: stations)
            .coverage(of: district, options: CoverageOptions(radiusMetres: radius))
        #expect(result.coveragePct <= once.coveragePct)
        #expect(result.coveragePct > 0)
    }

    @Test func oneStationReachesNothingTwice() throws {
        let centre = LonLat(lon: 116.4, lat: 39.9)
        let district = SyntheticData.square(adcode: "920100", centre: centre, sideMetres: 10_000)
        let result = try CoverageAnalyzer(districts: [district], stations: [CoverageStation(id: "a", location: centre, isPublic: true)])
            .coverage(of: district, options: CoverageOptions(radiusMetres: 500, minStations: 2))
        #expect(result.coveredKm2 == 0)
    }

    @Test func walkMinutesUseNearestsWalkingSpeedAndDetour() {
        // 15 min x 60 s x 1.25 m/s / 1.3 = 865.38 m.
        #expect(abs(CoverageOptions.radiusMetres(walkMinutes: 15) - 865.3846) < 1e-3)
    }
}
