import CGDAL

/// A transformation between a raster's CRS and WGS-84 longitude/latitude, with OGR's handles owned.
///
/// Both systems use the traditional GIS axis order (x = easting or longitude first), whatever the
/// EPSG definition says.
final class CoordinateTransform {
    private let raster: OGRSpatialReferenceH
    private let wgs84: OGRSpatialReferenceH
    private let toWGS84: OGRCoordinateTransformationH
    private let fromWGS84: OGRCoordinateTransformationH

    init(rasterWKT: String, source name: String) throws(RasterError) {
        _ = GDAL.registered
        let source: OGRSpatialReferenceH = OSRNewSpatialReference(nil)
        let target: OGRSpatialReferenceH = OSRNewSpatialReference(nil)
        let (imported, message) = GDAL.quietly { OSRSetFromUserInput(source, rasterWKT) }
        OSRSetWellKnownGeogCS(target, "WGS84")
        OSRSetAxisMappingStrategy(source, OAMS_TRADITIONAL_GIS_ORDER)
        OSRSetAxisMappingStrategy(target, OAMS_TRADITIONAL_GIS_ORDER)
        let (forward, _) = GDAL.quietly { OCTNewCoordinateTransformation(source, target) }
        let (inverse, transformMessage) = GDAL.quietly { OCTNewCoordinateTransformation(target, source) }
        raster = source
        wgs84 = target
        guard imported == OGRERR_NONE, let forward, let inverse else {
            OSRDestroySpatialReference(source)
            OSRDestroySpatialReference(target)
            let why = [message, transformMessage].first { !$0.isEmpty } ?? "unsupported definition"
            throw RasterError(source: name, reason: "GDAL cannot use the raster's coordinate reference system: \(why)")
        }
        toWGS84 = forward
        fromWGS84 = inverse
    }

    deinit {
        OCTDestroyCoordinateTransformation(toWGS84)
        OCTDestroyCoordinateTransformation(fromWGS84)
        OSRDestroySpatialReference(raster)
        OSRDestroySpatialReference(wgs84)
    }

    /// Transforms x and y in place (raster CRS to WGS-84 lon/lat, or back); returns which points succeeded.
    func transform(x: inout [Double], y: inout [Double], toWGS84 forward: Bool) -> [Bool] {
        precondition(x.count == y.count)
        guard !x.isEmpty else { return [] }
        var ok = [Int32](repeating: 0, count: x.count)
        let handle = forward ? toWGS84 : fromWGS84
        _ = GDAL.quietly {
            x.withUnsafeMutableBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in
                    _ = OCTTransformEx(handle, Int32(xs.count), xs.baseAddress, ys.baseAddress, nil, &ok)
                }
            }
        }
        return ok.map { $0 != 0 }
    }
}
