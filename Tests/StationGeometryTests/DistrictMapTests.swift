import Foundation
import StationCore
import Testing
@testable import StationGeometry

@Suite("District map")
struct DistrictMapTests {
    static let geodata = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("geodata")

    func beijing() throws -> DistrictMap {
        try DistrictMap(geoJSON: Data(contentsOf: Self.geodata.appendingPathComponent("districts.geojson")))
    }

    @Test func findsTheDistrictOfKnownPlaces() throws {
        let map = try beijing()
        #expect(map.districts.count == 16)
        // Tiananmen Gate (Dongcheng), Xidan (Xicheng), Zhongguancun (Haidian), Shanghai (outside).
        #expect(map.adcode(containing: LonLat(lon: 116.3975, lat: 39.9087)) == "110101")
        #expect(map.adcode(containing: LonLat(lon: 116.3736, lat: 39.9070)) == "110102")
        #expect(map.adcode(containing: LonLat(lon: 116.3160, lat: 39.9840)) == "110108")
        #expect(map.adcode(containing: LonLat(lon: 121.4737, lat: 31.2304)) == nil)
        #expect(map.adcode(containing: LonLat(lon: .nan, lat: 39.9)) == nil)
    }

    @Test func matchesNamesAdcodesAndPinyin() throws {
        let map = try beijing()
        #expect(map.district(matching: "110105")?.pinyin == "Chaoyang")
        #expect(map.district(matching: "西城区")?.adcode == "110102")
        #expect(map.district(matching: "西城")?.adcode == "110102")
        #expect(map.district(matching: "haidian")?.adcode == "110108")
        #expect(map.district(matching: "gotham") == nil)
    }

    @Test func concurrentLookupsAgreeWithSerialOnes() throws {
        let map = try beijing()
        var rng = SplitMix64(seed: 11)
        let points = (0..<400).map { _ in LonLat(lon: 115.4 + 2.1 * rng.nextUnit(), lat: 39.4 + 1.7 * rng.nextUnit()) }
        let serial = points.map { map.adcode(containing: $0) }
        let parallel = Parallel.map(points.count) { i in map.adcode(containing: points[i]) ?? "-" }
        #expect(parallel == serial.map { $0 ?? "-" })
        #expect(serial.compactMap { $0 }.count > 200)
    }

    @Test func badGeoJSONNamesTheFeatureAndReason() {
        let missingAdcode = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#
        #expect {
            _ = try DistrictMap(geoJSON: Data(missingAdcode.utf8), source: "d.geojson")
        } throws: { ($0 as? GeometryInputError)?.description == "d.geojson: feature 1: missing property adcode" }
        let point = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":"1","name":"X"},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#
        #expect {
            _ = try DistrictMap(geoJSON: Data(point.utf8), source: "d.geojson")
        } throws: { ($0 as? GeometryInputError)?.reason.contains("not Polygon or MultiPolygon") == true }
        #expect(throws: GeometryInputError.self) { _ = try DistrictMap(geoJSON: Data("[]".utf8)) }
    }
}
