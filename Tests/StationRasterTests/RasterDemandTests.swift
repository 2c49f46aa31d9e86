import Foundation
import StationCore
import StationGeometry
import Testing

/// A hand-made 3 x 3 population GeoTIFF whose covered people can be counted by hand, used by
/// coverage, cross-coverage and recommend.
///
/// Cells are 0.01° with the lower-left corner at 116.39, 39.89; values, top row first:
/// nodata 2 3 / 4 5 6 / 7 8 9 (44 people). At latitude 39.905 a hundredth of a degree is 852.8 m
/// east-west and 1,111.9 m north-south, so a 1,000 m radius from a cell centre reaches the cells
/// left and right of it, never those above or below.
@Suite("Raster demand")
struct RasterDemandTests {
    static let district = DistrictShape(
        name: DistrictName(adcode: "990001", name: "测试区", pinyin: "Test"),
        polygons: [GeoPolygon(exterior: [LonLat(lon: 116.35, lat: 39.85), LonLat(lon: 116.45, lat: 39.85),
                                         LonLat(lon: 116.45, lat: 39.95), LonLat(lon: 116.35, lat: 39.95),
                                         LonLat(lon: 116.35, lat: 39.85)])])
    static let middle = LonLat(lon: 116.405, lat: 39.905)

    static func layer() throws -> DemandLayer {
        let dir = try RasterFixture.directory()
        let path = try RasterFixture.geoTIFF(rows: [[-9999, 2, 3], [4, 5, 6], [7, 8, 9]], lowerLeft: (116.39, 39.89),
                                             cellSize: 0.01, srs: "EPSG:4326", in: dir, name: "people")
        return try DemandLayer.load(path: path, within: (district.bounds.min, district.bounds.max))
    }

    static func analyzer(_ stations: [LonLat]) throws -> CoverageAnalyzer {
        CoverageAnalyzer(districts: [district],
                         stations: stations.enumerated().map { CoverageStation(id: "s\($0)", location: $1, isPublic: true) },
                         demand: try layer())
    }

    @Test func coverageCountsTheMiddleRow() throws {
        let result = try Self.analyzer([Self.middle]).coverage(of: Self.district, options: CoverageOptions(radiusMetres: 1_000))
        #expect(result.demandSource == "people.tif")
        #expect(result.population == 44)
        #expect(result.coveredPopulation == 15)  // 4 + 5 + 6
        #expect(abs((result.populationWeightedCoveragePct ?? 0) - 15.0 / 44 * 100) < 1e-9)
    }

    @Test func crossCoverageCountsCellsReachedTwice() throws {
        // A second station on the right cell's centre: middle and right cells are reached twice (5 + 6).
        let analyzer = try Self.analyzer([Self.middle, LonLat(lon: 116.415, lat: 39.905)])
        let result = try analyzer.coverage(of: Self.district, options: CoverageOptions(radiusMetres: 1_000, minStations: 2))
        #expect(result.coveredPopulation == 11)
        #expect(result.minStations == 2)
    }

    @Test func recommendPicksTheBottomRowAndProvesIt() throws {
        let csv = "lon,lat,id\n116.405,39.915,top\n116.405,39.895,bottom\n"
        let candidates = try CandidateSite.parse(Data(csv.utf8), source: "sites.csv")
        let analyzer = try Self.analyzer([Self.middle])
        let one = try analyzer.recommend(in: Self.district, options: RecommendOptions(
            coverage: CoverageOptions(radiusMetres: 1_000), count: 1, candidates: candidates))
        #expect(one.demandTotal == 44 && one.coveredBefore == 15)
        #expect(one.sites.map(\.id) == ["bottom"])
        #expect(one.sites[0].addedDemand == 24)  // 7 + 8 + 9
        #expect(one.coveredAfter == 39 && abs(one.upperBound - 39) < 1e-9 && one.gapPct < 1e-9)
        #expect(abs((one.sites[0].nearestStationM ?? 0) - 1_111.95) < 0.1)
        let two = try analyzer.recommend(in: Self.district, options: RecommendOptions(
            coverage: CoverageOptions(radiusMetres: 1_000), count: 2, candidates: candidates))
        #expect(two.sites.map(\.id) == ["bottom", "top"])
        #expect(two.sites.map(\.addedDemand) == [24, 5])
        #expect(two.coveredAfter == 44)
    }

    @Test func profileAndGapsUseTheSameLayer() throws {
        let analyzer = try Self.analyzer([Self.middle])
        let week = try analyzer.weekProfile(of: Self.district, weekContaining: 1_795_000_000, options: CoverageOptions(radiusMetres: 1_000))
        #expect(week.demandSource == "people.tif")
        #expect(week.hours.allSatisfy { abs(($0.populationWeightedCoveragePct ?? 0) - 15.0 / 44 * 100) < 1e-9 })
        // Gaps with the layer: demand is people, not area, and the uniform-demand sentence is absent.
        let gaps = try analyzer.gaps(in: Self.district, options: GapOptions(coverage: CoverageOptions(radiusMetres: 1_000),
                                                                            cellMetres: 5_000, top: 50))
        #expect(gaps.demandSource == "people.tif" && gaps.uniformDemandNote == nil)
        #expect(abs(gaps.cells.map(\.demand).reduce(0, +) - 44) < 1e-9)
    }

    @Test func badInputIsRefusedWithTheItemNamed() throws {
        let analyzer = try Self.analyzer([Self.middle])
        let outside = try CandidateSite.parse(Data("lon,lat\n116.40,39.90\n117.5,40.5\n".utf8), source: "sites.csv")
        #expect(throws: RecommendError.candidateOutside(source: "candidates", origin: "line 3",
                                                        reason: "site line 3 at 117.5,40.5 is outside district 990001 Test")) {
            try analyzer.recommend(in: Self.district, options: RecommendOptions(count: 1, candidates: outside))
        }
        #expect(throws: RecommendError.self) { try analyzer.recommend(in: Self.district, options: RecommendOptions(count: 0)) }
        #expect(throws: RecommendError.self) { try analyzer.recommend(in: Self.district, options: RecommendOptions(count: 501)) }
        #expect(throws: RecommendError.self) {
            try analyzer.recommend(in: Self.district, options: RecommendOptions(coverage: CoverageOptions(radiusMetres: 50_001), count: 1))
        }
        do {
            _ = try CandidateSite.parse(Data("lon,lat\n116.40,39.90\n116.41;39.9\n".utf8), source: "sites.csv")
            Issue.record("a malformed line was accepted")
        } catch { #expect(error.description == "sites.csv: line 3: expected 2 or 3 fields lon,lat[,id], got 1") }
        // A district the raster does not reach.
        let far = DistrictShape(name: DistrictName(adcode: "990002", name: "远区", pinyin: "Far"),
                                polygons: [GeoPolygon(exterior: [LonLat(lon: 117.0, lat: 40.5), LonLat(lon: 117.1, lat: 40.5),
                                                                 LonLat(lon: 117.1, lat: 40.6), LonLat(lon: 117.0, lat: 40.5)])])
        let dir = try RasterFixture.directory()
        let path = try RasterFixture.geoTIFF(rows: [[1, 2], [3, 4]], lowerLeft: (116.39, 39.89), cellSize: 0.01,
                                             srs: "EPSG:4326", in: dir)
        do {
            _ = try DemandLayer.load(path: path, within: (far.bounds.min, far.bounds.max))
            Issue.record("a raster away from the district was accepted")
        } catch { #expect("\(error)".contains("does not overlap the district")) }
    }
}
