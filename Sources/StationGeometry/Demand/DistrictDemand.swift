import StationCore

/// One district's demand as weighted WGS-84 points: what recommendation and demand-weighted
/// coverage count. A point is covered when a station lies within the radius (haversine).
///
/// Without a demand layer, demand is spread evenly: one point per grid cell at its centre (the
/// centroid of the part inside the district for cells the boundary cuts), weighing the cell's area
/// in km², so covered demand is covered area. With a layer, its points inside the district keep
/// their positions and weights, and its polygons are shared out over the grid cells by area.
struct DistrictDemand {
    var locations: [LonLat] = []
    var weights: [Double] = []
    /// The grid cell (row * columns + column) holding each point.
    var cells: [Int] = []
    let grid: CellGrid
    /// True when demand is spread evenly over area (no layer).
    let isUniform: Bool

    var total: Double { weights.reduce(0, +) }

    init(workspace w: DistrictWorkspace, layer: DemandLayer?, cellMetres: Double) throws {
        grid = CellGrid(box: w.box, cellMetres: cellMetres)
        isUniform = layer == nil
        if let layer {
            for p in layer.points where p.weight > 0 {
                let xy = w.project(p.location)
                guard w.box.contains(xy), try w.preparedGeometry.covers(xy) else { continue }
                locations.append(p.location)
                weights.append(p.weight)
                cells.append(grid.cell(containing: xy))
            }
            if !layer.areas.isEmpty {
                let areaGrid = try DemandGrid(layer: DemandLayer(areas: layer.areas), workspace: w, x0: grid.x0, y0: grid.y0,
                                              size: grid.cellMetres, columns: grid.columns)
                try grid.forEachCell(in: w) { cell, shape, full, centre in
                    let weight = areaGrid.weight(column: cell % grid.columns, row: cell / grid.columns, cell: shape, full: full)
                    guard weight > 0 else { return }
                    locations.append(w.projection.inverse(x: centre.x, y: centre.y))
                    weights.append(weight)
                    cells.append(cell)
                }
            }
        } else {
            try grid.forEachCell(in: w) { cell, shape, _, centre in
                locations.append(w.projection.inverse(x: centre.x, y: centre.y))
                weights.append(try shape.area() / 1e6)
                cells.append(cell)
            }
        }
    }

    /// How many of `stations` reach each point within `radiusMetres`.
    func reachCounts(of stations: [LonLat], radiusMetres: Double) -> [Int] {
        let index = RadiusNeighbours(points: locations, radiusMetres: radiusMetres)
        var counts = [Int](repeating: 0, count: locations.count)
        for s in stations {
            index.forEach(within: s) { counts[Int($0)] += 1 }
        }
        return counts
    }

    /// Demand reached by at least `minStations` of `stations`.
    func coveredDemand(by stations: [LonLat], radiusMetres: Double, minStations: Int) -> Double {
        let counts = reachCounts(of: stations, radiusMetres: radiusMetres)
        var sum = 0.0
        for (i, c) in counts.enumerated() where c >= minStations { sum += weights[i] }
        return sum
    }
}

/// The square grid laid over a district's local plane, from its south-west corner (as gaps uses).
struct CellGrid {
    let x0: Double, y0: Double
    let cellMetres: Double
    let columns: Int, rows: Int

    init(box: PlanarBox, cellMetres: Double) {
        x0 = box.minX
        y0 = box.minY
        self.cellMetres = cellMetres
        // A last column or row thinner than half a metre (round-off) is dropped, as in gaps.
        columns = max(1, Int(((box.maxX - box.minX - 0.5) / cellMetres).rounded(.up)))
        rows = max(1, Int(((box.maxY - box.minY - 0.5) / cellMetres).rounded(.up)))
    }

    func cell(containing p: PlanarPoint) -> Int {
        let c = min(columns - 1, max(0, Int(((p.x - x0) / cellMetres).rounded(.down))))
        let r = min(rows - 1, max(0, Int(((p.y - y0) / cellMetres).rounded(.down))))
        return r * columns + c
    }

    func box(of cell: Int) -> PlanarBox {
        let c = Double(cell % columns), r = Double(cell / columns)
        return PlanarBox(minX: x0 + c * cellMetres, minY: y0 + r * cellMetres,
                         maxX: x0 + (c + 1) * cellMetres, maxY: y0 + (r + 1) * cellMetres)
    }

    /// The cell's centre, or for a cell the boundary cuts, the centroid of its part in the district.
    func centre(of cell: Int, in w: DistrictWorkspace) throws -> PlanarPoint {
        let box = box(of: cell)
        let rect = try Geometry.rectangle(box, in: w.context)
        if try w.preparedGeometry.contains(rect) {
            return PlanarPoint(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2)
        }
        let part = try w.geometry.clipped(to: box)
        guard try !part.isEmpty() else { return PlanarPoint(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2) }
        return try part.centroid().pointValue()
    }

    /// Calls `body` for each cell that overlaps the district: its index, its shape inside the
    /// district, whether it lies wholly inside, and its centre (centroid of the part when cut).
    func forEachCell(in w: DistrictWorkspace, _ body: (Int, Geometry, Bool, PlanarPoint) throws -> Void) throws {
        for row in 0..<rows {
            for column in 0..<columns {
                let cell = row * columns + column
                let box = box(of: cell)
                let rect = try Geometry.rectangle(box, in: w.context)
                guard try w.preparedGeometry.intersects(rect) else { continue }
                let full = try w.preparedGeometry.contains(rect)
                let shape = full ? rect : try w.geometry.clipped(to: box)
                guard try shape.area() > 1e-3 else { continue }
                let centre = full ? PlanarPoint(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2)
                    : try shape.centroid().pointValue()
                try body(cell, shape, full, centre)
            }
        }
    }
}
