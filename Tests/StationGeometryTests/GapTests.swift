import Foundation
import StationCore
import Testing
@testable import StationGeometry

@Suite("Underserved cells")
struct GapTests {
    let centre = LonLat(lon: 116.4, lat: 39.9)

    @Test func cornerCellsOfASquareWithOneCentralStationRankFirst() throws {
        // 2 km square, 250 m cells aligned on the projection origin (the square's centre): 8 x 8 cells.
        let district = SyntheticData.planarSquare(adcode: "920001", centre: centre, sideMetres: 2_000)
        let analyzer = CoverageAnalyzer(districts: [district], stations: [CoverageStation(id: "c", location: centre, isPublic: true)])
        let gaps = try analyzer.gaps(in: district, options: GapOptions(top: 64))
        #expect(gaps.cellsAnalysed == 64)
        let worst = gaps.cells[0]
        // A corner cell centre is (875 m, 875 m) from the station: 875 √2 = 1237.4 m.
        #expect(abs((worst.distanceM ?? 0) - 1237.44) < 1.5)
        #expect(worst.uncoveredFraction == 1)
        #expect(abs(worst.demand - 0.0625) < 1e-4)
        #expect(abs(worst.score - 0.0625) < 1e-4)
        #expect(gaps.cells.map(\.rank) == Array(1...64))
        // Covered parts of all cells add up to the covered area.
        let coveredFromCells = gaps.cells.reduce(0.0) { $0 + $1.cellAreaKm2 * (1 - $1.uncoveredFraction) }
        #expect(abs(coveredFromCells - gaps.coverage.coveredKm2) < 1e-6)
        // The four central cells lie entirely within 500 m of the station (corner at 354 m).
        #expect(gaps.cells.suffix(4).allSatisfy { $0.uncoveredFraction == 0 && $0.score == 0 })
    }

    @Test func nearestDistancesMatchBruteForce() throws {
        var rng = SplitMix64(seed: 7)
        let district = SyntheticData.blob(adcode: "920002", centre: centre, minRadiusMetres: 1_500, maxRadiusMetres: 3_000,
                                          vertices: 16, rng: &rng)
        let stations = SyntheticData.stations(count: 40, centre: centre, spreadMetres: 6_000, rng: &rng)
        let gaps = try CoverageAnalyzer(districts: [district], stations: stations)
            .gaps(in: district, options: GapOptions(cellMetres: 400, top: 10_000))
        #expect(gaps.cells.count == gaps.cellsAnalysed)
        for cell in gaps.cells {
            let here = LonLat(lon: cell.lon, lat: cell.lat)
            let brute = stations.map { Earth.distanceMetres(here, $0.location) }.min() ?? .nan
            #expect(abs((cell.distanceM ?? .infinity) - brute) < 1e-6)
        }
        let total = gaps.cells.reduce(0.0) { $0 + $1.cellAreaKm2 }
        #expect(abs(total - gaps.coverage.areaKm2) < 1e-6)
    }

    @Test func demandPointsDecideTheRanking() throws {
        let district = SyntheticData.planarSquare(adcode: "920003", centre: centre, sideMetres: 2_000)
        // Demand at 800 m north, 800 m east of the centre: inside the NE corner cell.
        let coslat = cos(centre.lat * Double.pi / 180)
        let p = LonLat(lon: centre.lon + 800 / SyntheticData.metresPerDegree / coslat, lat: centre.lat + 800 / SyntheticData.metresPerDegree)
        let csv = "lon,lat,weight\n\(p.lon),\(p.lat),10\n\(centre.lon),\(centre.lat),99\n"
        let demand = try DemandLayer.parse(Data(csv.utf8), source: "demand.csv")
        let gaps = try CoverageAnalyzer(districts: [district], stations: [CoverageStation(id: "c", location: centre, isPublic: true)])
            .gaps(in: district, options: GapOptions(top: 3, demand: demand))
        #expect(gaps.cells[0].demand == 10 && gaps.cells[0].score == 10)
        #expect(gaps.cells[0].lon > centre.lon && gaps.cells[0].lat > centre.lat)
        // The 99 at the centre is fully covered, so it scores 0.
        #expect(gaps.cells[1].score == 0)
    }

    @Test func demandPolygonWeightIsSpreadByArea() throws {
        let district = SyntheticData.planarSquare(adcode: "920004", centre: centre, sideMetres: 2_000)
        // The demand polygon is the district itself with weight 64: each 250 m cell gets 1.
        let ring = district.polygons[0].exterior.map { "[\($0.lon),\($0.lat)]" }.joined(separator: ",")
        let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"weight":64},"geometry":{"type":"Polygon","coordinates":[["# + ring + "]]}}]}"
        let demand = try DemandLayer.parse(Data(json.utf8), source: "demand.geojson")
        let gaps = try CoverageAnalyzer(districts: [district], stations: [])
            .gaps(in: district, options: GapOptions(top: 64, demand: demand))
        #expect(gaps.cells.count == 64)
        #expect(gaps.cells.allSatisfy { abs($0.demand - 1) < 1e-4 && $0.distanceM == nil })
        #expect(abs(gaps.cells.reduce(0) { $0 + $1.demand } - 64) < 1e-4)
    }

    @Test func badDemandFilesNameTheLineOrFeature() {
        #expect {
            _ = try DemandLayer.parse(Data("lon,lat,weight\n116.4,39.9,1\n116.4,abc,2\n".utf8), source: "d.csv")
        } throws: { ($0 as? GeometryInputError)?.description == "d.csv: line 3: lon and lat must be numbers" }
        #expect {
            _ = try DemandLayer.parse(Data("116.4,39.9,-1\n".utf8), source: "d.csv")
        } throws: { ($0 as? GeometryInputError)?.location == "line 1" }
        let noWeight = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"weight":1},"geometry":{"type":"Point","coordinates":[116.4,39.9]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[116.4,39.9]}}]}"#
        #expect {
            _ = try DemandLayer.parse(Data(noWeight.utf8), source: "d.geojson")
        } throws: { ($0 as? GeometryInputError)?.location == "feature 2" }
        #expect(throws: GeometryInputError.self) { _ = try DemandLayer.parse(Data("{not json".utf8), source: "d.geojson") }
        #expect(throws: GeometryInputError.self) { _ = try DemandLayer.parse(Data("".utf8), source: "d.csv") }
    }

    @Test func cellSizeOutOfBoundsIsRejected() {
        let district = SyntheticData.square(adcode: "920005", centre: centre, sideMetres: 2_000)
        let analyzer = CoverageAnalyzer(districts: [district], stations: [])
        #expect(throws: CoverageError.self) { _ = try analyzer.gaps(in: district, options: GapOptions(cellMetres: 49)) }
        #expect(throws: CoverageError.self) { _ = try analyzer.gaps(in: district, options: GapOptions(cellMetres: 5_001)) }
    }
}
