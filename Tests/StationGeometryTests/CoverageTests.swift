import Foundation
import StationCore
import Testing
@testable import StationGeometry

@Suite("District coverage")
struct CoverageTests {
    let centre = LonLat(lon: 116.4, lat: 39.9)

    @Test func singleStationFarInsideCoversPiRSquared() throws {
        let district = SyntheticData.square(adcode: "900001", centre: centre, sideMetres: 20_000)
        let analyzer = CoverageAnalyzer(districts: [district],
                                        stations: [CoverageStation(id: "a", location: centre, isPublic: true)],
                                        population: ["900001": 1_000_000])
        let result = try analyzer.coverage(of: district, options: CoverageOptions(radiusMetres: 500))
        // π (0.5 km)² = 0.785398 km²; the equal-area disc polygon keeps this to round-off.
        #expect(abs(result.coveredKm2 - 0.785398) / 0.785398 < 0.005)
        #expect(abs(result.areaKm2 - 400) < 0.01)
        #expect(result.stations == 1)
        #expect(abs(result.coveragePct - 0.785398 / 4) < 0.002)
        #expect(result.populationWeightedCoveragePct == result.coveragePct)
        #expect(abs((result.coveredPopulation ?? 0) - 1_000_000 * result.coveragePct / 100) < 1e-6)
    }

    @Test func twoOverlappingDiscsMatchTheLensFormula() throws {
        let district = SyntheticData.square(adcode: "900002", centre: centre, sideMetres: 20_000)
        let d = 500.0, r = 500.0
        let dLon = d / SyntheticData.metresPerDegree / cos(centre.lat * Double.pi / 180)
        let stations = [CoverageStation(id: "a", location: LonLat(lon: centre.lon - dLon / 2, lat: centre.lat), isPublic: true),
                        CoverageStation(id: "b", location: LonLat(lon: centre.lon + dLon / 2, lat: centre.lat), isPublic: true)]
        let result = try CoverageAnalyzer(districts: [district], stations: stations)
            .coverage(of: district, options: CoverageOptions(radiusMetres: r))
        // Union = 2πr² - lens, lens = 2r² acos(d/2r) - (d/2) sqrt(4r² - d²) = 0.307092 km² here.
        let segment: Double = 2 * r * r * acos(d / (2 * r))
        let triangle: Double = d / 2 * (4 * r * r - d * d).squareRoot()
        let lens = segment - triangle
        let expectedKm2 = (2 * Double.pi * r * r - lens) / 1e6
        #expect(abs(result.coveredKm2 - expectedKm2) / expectedKm2 < 0.005)
        #expect(result.stations == 2)
    }

    @Test func discOnTheEdgeCountsOnlyTheInsideHalf() throws {
        // A station on the western edge covers half a disc inside; it is counted (boundary is inside).
        let district = SyntheticData.square(adcode: "900003", centre: centre, sideMetres: 10_000)
        let edge = LonLat(lon: centre.lon - 5_000 / SyntheticData.metresPerDegree / cos(centre.lat * Double.pi / 180),
                          lat: centre.lat)
        let result = try CoverageAnalyzer(districts: [district], stations: [CoverageStation(id: "e", location: edge, isPublic: true)])
            .coverage(of: district, options: CoverageOptions(radiusMetres: 1_000))
        #expect(abs(result.coveredKm2 - Double.pi / 2) / (Double.pi / 2) < 0.01)
    }

    @Test func membersOnlyClosedAndInactiveStationsAreExcludedUnlessAsked() throws {
        let district = SyntheticData.square(adcode: "900004", centre: centre, sideMetres: 20_000)
        let stations = [
            CoverageStation(id: "c", location: centre, isPublic: false),
            CoverageStation(id: "closed", location: LonLat(lon: centre.lon + 0.05, lat: centre.lat), isPublic: true, schedule: NeverOpen()),
            CoverageStation(id: "inactive", location: LonLat(lon: centre.lon - 0.05, lat: centre.lat), isPublic: true, isActive: false),
        ]
        let analyzer = CoverageAnalyzer(districts: [district], stations: stations)
        let publicOnly = try analyzer.coverage(of: district, options: CoverageOptions(time: .at(epochSeconds: 0)))
        #expect(publicOnly.stations == 0 && publicOnly.coveredKm2 == 0)
        let members = try analyzer.coverage(of: district, options: CoverageOptions(time: .at(epochSeconds: 0), includeMembersOnly: true))
        #expect(members.stations == 1)
        let ignoring = try analyzer.coverage(of: district, options: CoverageOptions(time: .ignoringHours, includeMembersOnly: true))
        #expect(ignoring.stations == 2)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func agreesWithIndependentSamplingWithinPointTwoPercentagePoints(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let c = LonLat(lon: 116.2 + 0.2 * rng.nextUnit(), lat: 39.8 + 0.2 * rng.nextUnit())
        let district = SyntheticData.blob(adcode: "91000\(seed)", centre: c, minRadiusMetres: 2_500, maxRadiusMetres: 6_000,
                                          vertices: 24, rng: &rng)
        let stations = SyntheticData.stations(count: 60 + Int(seed) * 40, centre: c, spreadMetres: 7_000, rng: &rng, publicShare: 0.8)
        let radius = [300.0, 500, 800][Int(seed % 3)]
        let options = CoverageOptions(radiusMetres: radius)
        let result = try CoverageAnalyzer(districts: [district], stations: stations).coverage(of: district, options: options)
        let eligible = stations.filter(options.isEligible).map(\.location)
        let sampled = SamplingCoverage.percent(district, stations: eligible, radiusMetres: radius, samplesPerSide: 500)
        #expect(abs(result.coveragePct - sampled) < 0.2, "GEOS \(result.coveragePct) vs sampling \(sampled)")
        #expect(result.coveragePct > 5 && result.coveragePct < 95)
        #expect(result.stations == eligible.filter { SamplingCoverage.contains(district, $0) }.count)
    }

    @Test func districtWithHoleLeavesTheHoleOut() throws {
        let district = SyntheticData.square(adcode: "900005", centre: centre, sideMetres: 10_000, holeSideMetres: 2_000)
        let result = try CoverageAnalyzer(districts: [district], stations: [CoverageStation(id: "a", location: centre, isPublic: true)])
            .coverage(of: district, options: CoverageOptions(radiusMetres: 500))
        #expect(abs(result.areaKm2 - 96) < 0.01)
        #expect(result.coveredKm2 < 1e-9)
        #expect(result.stations == 0)
    }

    @Test func radiusOutOfBoundsIsRejected() throws {
        let district = SyntheticData.square(adcode: "900006", centre: centre, sideMetres: 1_000)
        let analyzer = CoverageAnalyzer(districts: [district], stations: [])
        #expect(throws: CoverageError.self) { try analyzer.coverage(options: CoverageOptions(radiusMetres: 0)) }
        #expect(throws: CoverageError.self) { try analyzer.coverage(options: CoverageOptions(radiusMetres: 50_001)) }
        #expect(throws: CoverageError.self) { try analyzer.district(matching: "atlantis") }
        #expect(try analyzer.district(matching: "900006").name.adcode == "900006")
    }

    @Test func allDistrictsRunInParallelAndKeepOrder() throws {
        var rng = SplitMix64(seed: 42)
        let a = SyntheticData.square(adcode: "900010", centre: centre, sideMetres: 5_000)
        let b = SyntheticData.square(adcode: "900011", centre: LonLat(lon: 116.5, lat: 39.9), sideMetres: 5_000)
        let stations = SyntheticData.stations(count: 80, centre: centre, spreadMetres: 10_000, rng: &rng)
        let analyzer = CoverageAnalyzer(districts: [a, b], stations: stations)
        let all = try analyzer.coverage(options: CoverageOptions())
        #expect(all.map(\.district) == ["900010", "900011"])
        #expect(all[0] == (try analyzer.coverage(of: a, options: CoverageOptions())))
    }
}
