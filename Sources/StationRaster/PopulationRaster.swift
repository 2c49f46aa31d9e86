import StationCore

/// A population grid (people per cell: WorldPop, GHSL, ...) read with GDAL as weighted points.
///
/// Each cell with a value becomes one point at the cell's centre, reprojected from the raster's
/// CRS to WGS-84 longitude/latitude, carrying the cell's value. Nodata cells, NaN and zero cells
/// are skipped; a negative value is refused (people cannot be negative).
public struct PopulationRaster: Sendable {
    /// Cell centres in WGS-84, longitude first.
    public var points: [LonLat]
    /// People in each cell, parallel to `points`.
    public var weights: [Double]
    /// Raster size and how many cells of the window were read.
    public var columns: Int
    public var rows: Int
    public var cellsRead: Int
    public var noDataCells: Int

    /// Reads the raster at `path` (`source` names it in errors), limited to the cells whose centres
    /// can fall inside the longitude/latitude box `within` (all cells when nil).
    public static func read(path: String, source: String, within box: (min: LonLat, max: LonLat)? = nil) throws(RasterError) -> PopulationRaster {
        let dataset = try RasterDataset(path: path, source: source)
        let transform = try CoordinateTransform(rasterWKT: dataset.crsWKT, source: source)
        let window = try pixelWindow(dataset, transform, box)
        let values = try dataset.read(column: window.column, row: window.row, width: window.width, height: window.height)
        let noData = dataset.noData
        var xs: [Double] = [], ys: [Double] = [], weights: [Double] = []
        var skipped = 0
        for r in 0..<window.height {
            for c in 0..<window.width {
                let v = values[r * window.width + c]
                if let noData, v == noData || (noData.isNaN && v.isNaN) { skipped += 1; continue }
                if v.isNaN { skipped += 1; continue }
                guard v.isFinite, v >= 0 else {
                    throw RasterError(source: source, reason: "cell at column \(window.column + c), row \(window.row + r) holds \(v); population must be >= 0 (or the band's nodata value)")
                }
                guard v > 0 else { continue }
                let p = dataset.position(column: Double(window.column + c) + 0.5, row: Double(window.row + r) + 0.5)
                xs.append(p.x)
                ys.append(p.y)
                weights.append(v)
            }
        }
        let ok = transform.transform(x: &xs, y: &ys, toWGS84: true)
        var points: [LonLat] = []
        var kept: [Double] = []
        points.reserveCapacity(xs.count)
        kept.reserveCapacity(xs.count)
        for i in xs.indices where ok[i] {
            let p = LonLat(lon: xs[i], lat: ys[i])
            guard p.isValid else { continue }
            if let box, p.lon < box.min.lon || p.lon > box.max.lon || p.lat < box.min.lat || p.lat > box.max.lat { continue }
            points.append(p)
            kept.append(weights[i])
        }
        return PopulationRaster(points: points, weights: kept, columns: dataset.columns, rows: dataset.rows,
                                cellsRead: window.width * window.height, noDataCells: skipped)
    }

    /// The pixel window covering `box` (the whole raster when nil); refuses a box outside the raster.
    private static func pixelWindow(_ dataset: RasterDataset, _ transform: CoordinateTransform,
                                    _ box: (min: LonLat, max: LonLat)?) throws(RasterError) -> (column: Int, row: Int, width: Int, height: Int) {
        guard let box else { return (0, 0, dataset.columns, dataset.rows) }
        // The box's outline, densified (a straight lon/lat edge is curved in a projected CRS).
        var xs: [Double] = [], ys: [Double] = []
        let steps = 16
        for k in 0...steps {
            let f = Double(k) / Double(steps)
            let lon = box.min.lon + (box.max.lon - box.min.lon) * f
            let lat = box.min.lat + (box.max.lat - box.min.lat) * f
            xs += [lon, lon, box.min.lon, box.max.lon]
            ys += [box.min.lat, box.max.lat, lat, lat]
        }
        let ok = transform.transform(x: &xs, y: &ys, toWGS84: false)
        var minC = Double.infinity, maxC = -Double.infinity, minR = Double.infinity, maxR = -Double.infinity
        for i in xs.indices where ok[i] {
            guard let p = dataset.pixel(x: xs[i], y: ys[i]) else { continue }
            minC = min(minC, p.column); maxC = max(maxC, p.column)
            minR = min(minR, p.row); maxR = max(maxR, p.row)
        }
        let noOverlap = RasterError(source: dataset.source, reason: "the raster does not overlap the district (lon \(box.min.lon)...\(box.max.lon), lat \(box.min.lat)...\(box.max.lat))")
        guard minC.isFinite, maxC.isFinite, minR.isFinite, maxR.isFinite else { throw noOverlap }
        // One cell of margin on each side: a centre inside the box may belong to a cell straddling it.
        let c0 = max(0, Int(minC.rounded(.down)) - 1), c1 = min(dataset.columns, Int(maxC.rounded(.up)) + 1)
        let r0 = max(0, Int(minR.rounded(.down)) - 1), r1 = min(dataset.rows, Int(maxR.rounded(.up)) + 1)
        guard c0 < c1, r0 < r1 else { throw noOverlap }
        return (c0, r0, c1 - c0, r1 - r0)
    }
}
