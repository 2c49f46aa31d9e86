import Foundation
import StationCore
import Testing
@testable import StationRaster

/// Reading population grids with GDAL: positions, values, nodata, CRS and bad files.
@Suite("Population rasters")
struct PopulationRasterTests {
    /// 3 x 3 cells of 0.01° in WGS-84; the top-left cell is nodata. Cell centres are at the
    /// lower-left corner + (column + 0.5, row-from-bottom + 0.5) x 0.01°.
    @Test func geographicGridGivesCellCentresAndValues() throws {
        let dir = try RasterFixture.directory()
        let path = try RasterFixture.geoTIFF(rows: [[-9999, 2, 3], [4, 5, 6], [7, 8, 9]], lowerLeft: (116.39, 39.89),
                                             cellSize: 0.01, srs: "EPSG:4326", in: dir)
        let raster = try PopulationRaster.read(path: path, source: "grid.tif")
        #expect(raster.columns == 3 && raster.rows == 3)
        #expect(raster.noDataCells == 1)
        #expect(raster.weights == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(raster.weights.reduce(0, +) == 44)
        // The first kept cell is row 0 (top), column 1: centre 116.405, 39.915.
        #expect(abs(raster.points[0].lon - 116.405) < 1e-9 && abs(raster.points[0].lat - 39.915) < 1e-9)
        // The last is the bottom-right cell: 116.415, 39.895.
        #expect(abs(raster.points[7].lon - 116.415) < 1e-9 && abs(raster.points[7].lat - 39.895) < 1e-9)
    }

    /// A UTM zone 50N grid: every cell centre must land where GDAL's own gdaltransform puts it.
    @Test func projectedGridIsReprojectedLikeGdaltransform() throws {
        let dir = try RasterFixture.directory()
        let path = try RasterFixture.geoTIFF(rows: [[1, 2], [3, 4]], lowerLeft: (448_000, 4_416_000), cellSize: 500,
                                             srs: "EPSG:32650", in: dir)
        let raster = try PopulationRaster.read(path: path, source: "utm.tif")
        #expect(raster.weights == [1, 2, 3, 4])
        let centres = "448250 4416750\n448750 4416750\n448250 4416250\n448750 4416250\n"
        let out = try RasterFixture.run("gdaltransform", ["-s_srs", "EPSG:32650", "-t_srs", "+proj=longlat +datum=WGS84 +no_defs"], input: centres)
        let expected = out.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        #expect(expected.count == 4)
        for (p, e) in zip(raster.points, expected) {
            #expect(abs(p.lon - e[0]) < 1e-9 && abs(p.lat - e[1]) < 1e-9, "\(p) vs \(e)")
        }
    }

    @Test func windowKeepsOnlyCellsInTheBox() throws {
        let dir = try RasterFixture.directory()
        let path = try RasterFixture.geoTIFF(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], lowerLeft: (116.39, 39.89),
                                             cellSize: 0.01, srs: "EPSG:4326", in: dir)
        // A box around the middle row's centres only.
        let raster = try PopulationRaster.read(path: path, source: "grid.tif",
                                               within: (LonLat(lon: 116.39, lat: 39.90), LonLat(lon: 116.42, lat: 39.91)))
        #expect(raster.weights == [4, 5, 6])
    }

    @Test func refusesBadRasters() throws {
        let dir = try RasterFixture.directory()
        let noCRS = try RasterFixture.geoTIFF(rows: [[1, 2], [3, 4]], lowerLeft: (116.39, 39.89), cellSize: 0.01,
                                              srs: nil, in: dir, name: "nocrs")
        #expect(throws: RasterError.self) { try PopulationRaster.read(path: noCRS, source: "nocrs.tif") }
        do { _ = try PopulationRaster.read(path: noCRS, source: "nocrs.tif") } catch {
            #expect(error.description.contains("no coordinate reference system"))
        }
        let text = dir.appendingPathComponent("notes.tif")
        try "this is not a raster".write(to: text, atomically: true, encoding: .utf8)
        do {
            _ = try PopulationRaster.read(path: text.path, source: "notes.tif")
            Issue.record("a text file was read as a raster")
        } catch { #expect(error.description.hasPrefix("notes.tif: GDAL cannot open it as a raster")) }

        let good = try RasterFixture.geoTIFF(rows: [[1, 2], [3, 4]], lowerLeft: (116.39, 39.89), cellSize: 0.01,
                                             srs: "EPSG:4326", in: dir, name: "good")
        do {
            _ = try PopulationRaster.read(path: good, source: "good.tif", within: (LonLat(lon: 117.5, lat: 40.5), LonLat(lon: 117.6, lat: 40.6)))
            Issue.record("a box far from the raster was accepted")
        } catch { #expect(error.description.contains("does not overlap")) }

        let negative = try RasterFixture.geoTIFF(rows: [[1, -5], [3, 4]], lowerLeft: (116.39, 39.89), cellSize: 0.01,
                                                 srs: "EPSG:4326", in: dir, name: "negative")
        do {
            _ = try PopulationRaster.read(path: negative, source: "negative.tif")
            Issue.record("a negative population was accepted")
        } catch { #expect(error.description.contains("column 1, row 0 holds -5.0")) }
    }
}
