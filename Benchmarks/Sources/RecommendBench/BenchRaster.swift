import Foundation
import StationCore

/// A seeded population raster for RecommendBench, made by GDAL's own tools: an ESRI ASCII grid in
/// UTM zone 50N (EPSG:32650) over Chaoyang, converted to GeoTIFF by gdal_translate.
enum BenchRaster {
    static func make(in directory: URL, side: Int, cellMetres: Double) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tif = directory.appendingPathComponent("bench-population-\(side).tif")
        if FileManager.default.fileExists(atPath: tif.path) { return tif.path }
        // South-west corner near 116.33 E, 39.78 N (UTM 50N: about 443,000 E, 4,403,500 N); 1,000 cells of 30 m
        // reach 30 km east and north, over most of Chaoyang.
        var text = "ncols \(side)\nnrows \(side)\nxllcorner 443000\nyllcorner 4403500\ncellsize \(cellMetres)\nNODATA_value -1\n"
        var rng = SplitMix64(seed: 1_000)
        var row = ""
        for _ in 0..<side {
            row.removeAll(keepingCapacity: true)
            for c in 0..<side {
                let u = rng.nextUnit()
                row += u < 0.05 ? "-1" : String(Int(u * 40))
                row += c == side - 1 ? "\n" : " "
            }
            text += row
        }
        let asc = directory.appendingPathComponent("bench-population-\(side).asc")
        try text.write(to: asc, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gdal_translate", "-q", "-of", "GTiff", "-ot", "Float32", "-a_srs", "EPSG:32650", asc.path, tif.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("gdal_translate failed") }
        return tif.path
    }
}
