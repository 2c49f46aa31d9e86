import Foundation
import StationCore
import Testing
@testable import StationGeometry

@Suite("GeoJSON coverage map")
struct ExportTests {
    let centre = LonLat(lon: 116.4, lat: 39.9)

    func map() throws -> [String: Any] {
        let district = SyntheticData.square(adcode: "930001", centre: centre, sideMetres: 4_000, holeSideMetres: 500)
        let ledger = [
            Station(id: "a", name: "A", lon: centre.lon + 0.01, lat: centre.lat, district: "930001", grade: .A, openingHours: "24/7",
                    amenities: AmenitySet([.toilet])),
            Station(id: "c", name: "C", lon: centre.lon - 0.01, lat: centre.lat, district: "930001", grade: .C,
                    organization: "Depot", openingHours: "24/7"),
        ]
        let analyzer = CoverageAnalyzer(districts: [district], stations: CoverageStation.fromLedger(ledger), population: ["930001": 1000])
        let text = try analyzer.coverageMapGeoJSON(options: GapOptions(top: 5), ledger: ledger)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test func featureCollectionHasBboxNoCrsAndAllKinds() throws {
        let root = try map()
        #expect(root["type"] as? String == "FeatureCollection")
        #expect(root["crs"] == nil)
        let bbox = try #require(root["bbox"] as? [Double])
        #expect(bbox.count == 4 && bbox[0] < centre.lon && bbox[2] > centre.lon && bbox[1] < centre.lat && bbox[3] > centre.lat)
        let features = try #require(root["features"] as? [[String: Any]])
        let kinds = features.compactMap { ($0["properties"] as? [String: Any])?["kind"] as? String }
        #expect(kinds.filter { $0 == "district" }.count == 1)
        #expect(kinds.filter { $0 == "uncovered" }.count == 1)
        #expect(kinds.filter { $0 == "underserved_cell" }.count == 5)
        // Members-only station left out unless asked.
        #expect(kinds.filter { $0 == "station" }.count == 1)
        // Every coordinate lies within the bbox.
        for f in features { for p in positions(f["geometry"]) {
            #expect(p[0] >= bbox[0] && p[0] <= bbox[2] && p[1] >= bbox[1] && p[1] <= bbox[3])
        } }
    }

    @Test func ringsAreCounterClockwiseOutsideAndClockwiseHoles() throws {
        let features = try #require(try map()["features"] as? [[String: Any]])
        var holes = 0
        for f in features {
            guard let g = f["geometry"] as? [String: Any], let type = g["type"] as? String else { continue }
            let polygons: [[[[Double]]]]
            if type == "Polygon" { polygons = [g["coordinates"] as? [[[Double]]] ?? []] }
            else if type == "MultiPolygon" { polygons = g["coordinates"] as? [[[[Double]]]] ?? [] }
            else { continue }
            for polygon in polygons {
                for (i, ring) in polygon.enumerated() {
                    let area = PlanarPolygon.signedArea(ring.map { PlanarPoint(x: $0[0], y: $0[1]) })
                    #expect(i == 0 ? area > 0 : area < 0)
                    #expect(ring.first == ring.last)
                    if i > 0 { holes += 1 }
                }
            }
        }
        #expect(holes >= 1)  // the district's hole
    }

    @Test func coordinatesHaveAtMostSevenDecimals() throws {
        let district = SyntheticData.square(adcode: "930002", centre: LonLat(lon: 116.123456789, lat: 39.987654321), sideMetres: 1_000)
        let analyzer = CoverageAnalyzer(districts: [district], stations: [])
        let text = try analyzer.coverageMapGeoJSON(options: GapOptions(top: 1), ledger: [])
        let features = try #require((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["features"] as? [Any])
        #expect(!features.isEmpty)
        // Scan the coordinate arrays' text: no number with 8 or more decimals.
        let coordinatesText = text.components(separatedBy: "\"coordinates\":").dropFirst().map { $0.prefix { $0 != "}" } }.joined()
        let long = coordinatesText.split(whereSeparator: { ",[]".contains($0) }).filter { ($0.split(separator: ".").last?.count ?? 0) > 7 && $0.contains(".") }
        #expect(long.isEmpty, "\(long.prefix(3))")
    }

    @Test func writerRepairsInvalidPolygonsAndOrientsThem() throws {
        var writer = GeoJSONWriter()
        // A clockwise bow-tie: invalid; GEOSMakeValid splits it into two triangles.
        let bowTie = GeoPolygon(exterior: [LonLat(lon: 0, lat: 0), LonLat(lon: 0, lat: 2), LonLat(lon: 2, lat: 0),
                                           LonLat(lon: 2, lat: 2), LonLat(lon: 0, lat: 0)])
        try writer.addPolygons([bowTie], properties: [])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(writer.text().utf8)) as? [String: Any])
        let geometry = try #require(((root["features"] as? [[String: Any]])?.first?["geometry"]) as? [String: Any])
        #expect(geometry["type"] as? String == "MultiPolygon")
        let parts = try #require(geometry["coordinates"] as? [[[[Double]]]])
        #expect(parts.count == 2)
        for part in parts { #expect(PlanarPolygon.signedArea(part[0].map { PlanarPoint(x: $0[0], y: $0[1]) }) > 0) }
    }

    @Test func unwritablePathIsAClearErrorAndLeavesNoFile() throws {
        let analyzer = CoverageAnalyzer(districts: [SyntheticData.square(adcode: "930003", centre: centre, sideMetres: 1_000)], stations: [])
        let missing = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("no-such-dir-\(UUID().uuidString)/map.geojson")
        #expect {
            try analyzer.writeCoverageMap(to: missing, options: GapOptions(top: 1), ledger: [])
        } throws: { ($0 as? ExportError)?.description.contains("does not exist") == true }
    }

    @Test func atomicWriteReplacesTheFileAndLeavesNoTemporary() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("map.geojson")
        try AtomicFile.write(Data("old".utf8), to: target)
        try AtomicFile.write(Data("new".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["map.geojson"])
        // Renaming onto a directory fails: the error names the path and the old content stays.
        let blocker = dir.appendingPathComponent("blocked.geojson")
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("inner"), withIntermediateDirectories: true)
        #expect(throws: ExportError.self) { try AtomicFile.write(Data("x".utf8), to: blocker) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["blocked.geojson", "map.geojson"])
    }

    private func positions(_ geometry: Any?) -> [[Double]] {
        func walk(_ v: Any) -> [[Double]] {
            if let p = v as? [Double] { return [p] }
            if let list = v as? [Any] { return list.flatMap(walk) }
            return []
        }
        return walk((geometry as? [String: Any])?["coordinates"] ?? [])
    }
}
