import Foundation

/// Small rasters for tests, made by GDAL itself: an ESRI ASCII grid written here, turned into a
/// GeoTIFF by `gdal_translate` (Debian's gdal-bin).
enum RasterFixture {
    /// A fresh temporary directory for one test.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("raster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes the grid (rows top to bottom) with its lower-left corner and cell size, converts it to
    /// GeoTIFF with the CRS `srs` (none when nil) and returns the GeoTIFF's path.
    static func geoTIFF(rows: [[Double]], lowerLeft: (x: Double, y: Double), cellSize: Double, noData: Double = -9999,
                        srs: String?, in directory: URL, name: String = "grid") throws -> String {
        var text = "ncols \(rows[0].count)\nnrows \(rows.count)\nxllcorner \(lowerLeft.x)\nyllcorner \(lowerLeft.y)\n"
        text += "cellsize \(cellSize)\nNODATA_value \(noData)\n"
        for row in rows { text += row.map { String($0) }.joined(separator: " ") + "\n" }
        let asc = directory.appendingPathComponent("\(name).asc")
        try text.write(to: asc, atomically: true, encoding: .utf8)
        let tif = directory.appendingPathComponent("\(name).tif")
        var arguments = ["-q", "-of", "GTiff", "-ot", "Float64"]
        if let srs { arguments += ["-a_srs", srs] }
        arguments += [asc.path, tif.path]
        try run("gdal_translate", arguments)
        // gdal_translate carries the .prj-less grid's CRS as none; make sure no sidecar gives one.
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("\(name).tif.aux.xml"))
        return tif.path
    }

    /// Runs a GDAL command-line tool and returns its standard output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let out = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        if input != nil { process.standardInput = inPipe }
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(tool) failed with status \(process.terminationStatus)"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
