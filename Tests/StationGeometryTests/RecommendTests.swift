import Foundation
import StationCore
import Testing
@testable import StationGeometry

/// Site recommendation with demand spread evenly, and gaps' ranking under uniform demand.
@Suite("Recommend and uniform demand")
struct RecommendTests {
    let centre = LonLat(lon: 116.4, lat: 39.9)

    /// An empty 6 km square: two 500 m sites at best cover two whole discs, about 2 x 0.785 km²
    /// counted by 250 m cell centres; the sites are inside and apart, and the bound holds.
    @Test func uniformDemandInAnEmptySquare() throws {
        let district = SyntheticData.square(adcode: "930001", centre: centre, sideMetres: 6_000)
        let analyzer = CoverageAnalyzer(districts: [district], stations: [])
        let answer = try analyzer.recommend(in: district, options: RecommendOptions(coverage: CoverageOptions(radiusMetres: 500), count: 2))
        #expect(answer.demandSource == "uniform")
        #expect(abs(answer.demandTotal - 36) < 0.01)
        #expect(answer.coveredBefore == 0)
        #expect(answer.sites.count == 2 && answer.count == 2)
        for site in answer.sites {
            #expect(site.addedDemand > 0.6 && site.addedDemand < 1.0, "\(site.addedDemand)")
            #expect(site.nearestStationM == nil)
        }
        let a = answer.sites[0], b = answer.sites[1]
        #expect(Earth.distanceMetres(LonLat(lon: a.lon, lat: a.lat), LonLat(lon: b.lon, lat: b.lat)) > 900)
        #expect(answer.upperBound >= answer.coveredAfter)
        #expect(answer.gapPct >= 0 && answer.gapPct < 20)
        // Added demand is reported as a share of the whole.
        #expect(abs(a.addedPct - a.addedDemand / answer.demandTotal * 100) < 1e-9)
    }

    /// Gap-cell candidates only where demand is uncovered: a station covering a small district
    /// entirely leaves nothing to add, so no site is recommended.
    @Test func nothingToAddWhenEverythingIsCovered() throws {
        let district = SyntheticData.square(adcode: "930002", centre: centre, sideMetres: 600)
        let analyzer = CoverageAnalyzer(districts: [district], stations: [CoverageStation(id: "a", location: centre, isPublic: true)])
        let answer = try analyzer.recommend(in: district, options: RecommendOptions(coverage: CoverageOptions(radiusMetres: 1_000), count: 3))
        #expect(answer.count == 0 && answer.sites.isEmpty)
        #expect(answer.coveredAfter == answer.demandTotal && answer.gapPct == 0)
    }

    /// A station 300 m outside the western edge still covers the strip of the district within its
    /// 500 m: about the 200 m-deep segment of its disc, so some demand is covered before any site.
    @Test func stationsJustOverTheBorderCountAsExisting() throws {
        let district = SyntheticData.square(adcode: "930005", centre: centre, sideMetres: 4_000)
        let westEdge = centre.lon - 2_000 / SyntheticData.metresPerDegree / cos(centre.lat * Double.pi / 180)
        let outside = LonLat(lon: westEdge - 300 / SyntheticData.metresPerDegree / cos(centre.lat * Double.pi / 180), lat: centre.lat)
        let analyzer = CoverageAnalyzer(districts: [district], stations: [CoverageStation(id: "out", location: outside, isPublic: true)])
        let answer = try analyzer.recommend(in: district, options: RecommendOptions(coverage: CoverageOptions(radiusMetres: 500), count: 1))
        // The segment's area is r² acos(d/r) − d √(r² − d²) = 0.1118 km² for r = 500 m, d = 300 m; cell
        // centres 125 m in from the edge sample it (the 250 m cells hold 0.0625 km² each).
        #expect(answer.coveredBefore > 0.05 && answer.coveredBefore < 0.3, "\(answer.coveredBefore)")
        #expect(abs((answer.sites[0].nearestStationM ?? 0) - Earth.distanceMetres(LonLat(lon: answer.sites[0].lon, lat: answer.sites[0].lat), outside)) < 1e-6)
    }

    /// The JSON document has exactly the documented keys, in the documented order.
    @Test func jsonShapeIsExact() throws {
        let district = SyntheticData.square(adcode: "930003", centre: centre, sideMetres: 3_000)
        let answer = try CoverageAnalyzer(districts: [district], stations: [])
            .recommend(in: district, options: RecommendOptions(count: 1))
        let text = String(decoding: answer.json(), as: UTF8.self)
        let keys = ["district", "radius_m", "count", "demand_total", "covered_before", "covered_after", "upper_bound",
                    "gap_pct", "bound_optimal", "demand_source", "sites", "rank", "lon", "lat", "id", "added_demand", "added_pct", "nearest_station_m"]
        var position = text.startIndex
        for key in keys {
            let found = try #require(text.range(of: "\"\(key)\":", range: position..<text.endIndex), "\(key) missing or out of order")
            position = found.upperBound
        }
        #expect(text.contains("\"nearest_station_m\":null"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object.count == 11)
        #expect(object["bound_optimal"] as? Bool == true)
    }

    /// With demand spread evenly every wholly uncovered cell scores its area: those ties are ranked
    /// by distance to the nearest station, farthest first, and the answer says so.
    @Test func uniformGapsAreRankedByDistance() throws {
        let district = SyntheticData.square(adcode: "930004", centre: centre, sideMetres: 5_000)
        let analyzer = CoverageAnalyzer(districts: [district], stations: [CoverageStation(id: "a", location: centre, isPublic: true)])
        let gaps = try analyzer.gaps(in: district, options: GapOptions(coverage: CoverageOptions(radiusMetres: 500), top: 30))
        #expect(gaps.isUniformDemand && gaps.uniformDemandNote != nil)
        let full = gaps.cells.filter { $0.uncoveredFraction == 1 && abs($0.cellAreaKm2 - 0.0625) < 1e-6 }
        #expect(full.count >= 2)
        let distances = full.compactMap(\.distanceM)
        #expect(distances == distances.sorted(by: >))
        // A station in the centre of a square: the farthest cells are its four corners, about 3.18 km away.
        #expect((distances.first ?? 0) > 3_000)
    }
}
