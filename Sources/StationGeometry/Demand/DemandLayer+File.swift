import Foundation
import StationCore
import StationRaster

extension DemandLayer {
    /// Reads a demand file: a population raster GDAL can open (GeoTIFF and the like, any CRS), or
    /// GeoJSON / CSV demand (see ``parse(_:source:)``). A raster is read only where its cells can
    /// fall inside `box` (longitude/latitude; all of it when nil) and becomes weighted points.
    public static func load(path: String, within box: (min: LonLat, max: LonLat)? = nil) throws -> DemandLayer {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GeometryInputError(source: name, reason: "cannot read the demand file (missing or not readable)")
        }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        try? handle.close()
        var layer: DemandLayer
        if isRaster(head: head, name: name) {
            let raster = try PopulationRaster.read(path: path, source: name, within: box)
            layer = DemandLayer(points: zip(raster.points, raster.weights).map { WeightedPoint(location: $0, weight: $1) })
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GeometryInputError(source: name, reason: "cannot read the demand file")
            }
            layer = try parse(data, source: name)
        }
        layer.sourceName = name
        return layer
    }

    /// TIFF's magic bytes (classic or BigTIFF, either byte order), or a raster file name extension.
    static func isRaster(head: Data, name: String) -> Bool {
        let bytes = [UInt8](head)
        if bytes.count == 4 {
            if bytes[0] == 0x49, bytes[1] == 0x49, bytes[2] == 0x2A || bytes[2] == 0x2B, bytes[3] == 0 { return true }
            if bytes[0] == 0x4D, bytes[1] == 0x4D, bytes[2] == 0, bytes[3] == 0x2A || bytes[3] == 0x2B { return true }
        }
        let ext = (name as NSString).pathExtension.lowercased()
        return ["tif", "tiff", "vrt", "img", "asc", "nc"].contains(ext)
    }
}
