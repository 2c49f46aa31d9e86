import CGDAL

/// One raster opened read-only with GDAL: its georeferencing, CRS and first band. Owns the dataset handle.
final class RasterDataset {
    private let handle: GDALDatasetH
    let source: String
    let columns: Int
    let rows: Int
    /// GDAL's affine geotransform: x = t0 + col t1 + row t2, y = t3 + col t4 + row t5 (pixel corners).
    let geoTransform: [Double]
    /// The CRS as WKT (never empty).
    let crsWKT: String

    init(path: String, source: String) throws(RasterError) {
        self.source = source
        let (opened, message) = GDAL.quietly {
            GDALOpenEx(path, UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY), nil, nil, nil)
        }
        guard let opened else {
            throw RasterError(source: source, reason: "GDAL cannot open it as a raster" + (message.isEmpty ? "" : ": \(message)"))
        }
        handle = opened
        columns = Int(GDALGetRasterXSize(opened))
        rows = Int(GDALGetRasterYSize(opened))
        var transform = [Double](repeating: 0, count: 6)
        let hasTransform = GDALGetGeoTransform(opened, &transform) == CE_None
        geoTransform = transform
        crsWKT = GDALGetProjectionRef(opened).map { String(cString: $0) } ?? ""
        guard GDALGetRasterCount(opened) >= 1, columns > 0, rows > 0 else {
            throw RasterError(source: source, reason: "the raster has no band of cells")
        }
        guard hasTransform else {
            throw RasterError(source: source, reason: "the raster has no georeferencing (geotransform); cells cannot be placed")
        }
        guard !crsWKT.isEmpty else {
            throw RasterError(source: source, reason: "the raster has no coordinate reference system; assign one (e.g. gdal_edit.py -a_srs EPSG:4326)")
        }
    }

    deinit { GDALClose(handle) }

    /// Band 1's nodata value, when it has one.
    var noData: Double? {
        guard let band = GDALGetRasterBand(handle, 1) else { return nil }
        var has: Int32 = 0
        let value = GDALGetRasterNoDataValue(band, &has)
        return has != 0 ? value : nil
    }

    /// Band 1's cells in the window, row by row, as doubles.
    func read(column: Int, row: Int, width: Int, height: Int) throws(RasterError) -> [Double] {
        guard let band = GDALGetRasterBand(handle, 1) else {
            throw RasterError(source: source, reason: "cannot read band 1")
        }
        var values = [Double](repeating: 0, count: width * height)
        let (status, message) = GDAL.quietly {
            values.withUnsafeMutableBytes { buffer in
                GDALRasterIO(band, GF_Read, Int32(column), Int32(row), Int32(width), Int32(height),
                             buffer.baseAddress, Int32(width), Int32(height), GDT_Float64, 0, 0)
            }
        }
        guard status == CE_None else {
            throw RasterError(source: source, reason: "GDAL could not read the cells: \(message)")
        }
        return values
    }

    /// The raster-CRS position of a fractional pixel position (column, row).
    func position(column: Double, row: Double) -> (x: Double, y: Double) {
        let t = geoTransform
        return (t[0] + column * t[1] + row * t[2], t[3] + column * t[4] + row * t[5])
    }

    /// The fractional pixel position of a raster-CRS position (nil when the transform is singular).
    func pixel(x: Double, y: Double) -> (column: Double, row: Double)? {
        let t = geoTransform
        let det = t[1] * t[5] - t[2] * t[4]
        guard det != 0, det.isFinite else { return nil }
        let dx = x - t[0], dy = y - t[3]
        return ((dx * t[5] - dy * t[2]) / det, (dy * t[1] - dx * t[4]) / det)
    }
}
