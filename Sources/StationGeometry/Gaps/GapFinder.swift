import StationCore

/// Splits a district into square cells and ranks them by demand left uncovered.
struct GapFinder {
    let workspace: DistrictWorkspace
    let covered: Geometry
    let options: GapOptions
    /// Every eligible station (anywhere), for nearest distances.
    let eligible: [LonLat]

    private struct Scored {
        var column: Int, row: Int
        var centre: PlanarPoint
        var areaSquareMetres: Double
        var uncovered: Double
        var demand: Double
        var score: Double
        var distance: Double?
        var clipped: Bool
    }

    func rank(progress: ((Int, Int) -> Void)? = nil) throws -> (cells: [GapCell], analysed: Int) {
        let w = workspace
        let size = options.cellMetres
        // The grid starts at the district's south-west corner; a last column or row thinner than
        // half a metre (round-off of a district whose width is a multiple of the cell) is dropped.
        let x0 = w.box.minX, y0 = w.box.minY
        let columns = max(1, Int(((w.box.maxX - x0 - 0.5) / size).rounded(.up)))
        let rows = max(1, Int(((w.box.maxY - y0 - 0.5) / size).rounded(.up)))
        let coveredPrepared = try covered.isEmpty() ? nil : try covered.prepared()
        let demandGrid = try options.demand.map { try DemandGrid(layer: $0, workspace: w, x0: x0, y0: y0, size: size, columns: columns) }
        let eligiblePoints = eligible.map(w.project)
        let nearest = PlanarNearest(points: eligiblePoints, bucketMetres: max(500, size * 2))

        var scored: [Scored] = []
        for row in 0..<rows {
            progress?(row, rows)
            defer { if row == rows - 1 { progress?(rows, rows) } }
            for column in 0..<columns {
                let box = PlanarBox(minX: x0 + Double(column) * size, minY: y0 + Double(row) * size,
                                    maxX: x0 + Double(column + 1) * size, maxY: y0 + Double(row + 1) * size)
                let rect = try Geometry.rectangle(box, in: w.context)
                guard try w.preparedGeometry.intersects(rect) else { continue }
                let full = try w.preparedGeometry.contains(rect)
                let cell = full ? rect : try w.geometry.clipped(to: box)
                let area = try cell.area()
                guard area > 1e-3 else { continue }
                var coveredArea = 0.0
                if let coveredPrepared {
                    if try coveredPrepared.contains(rect) {
                        coveredArea = area
                    } else if try coveredPrepared.intersects(rect) {
                        coveredArea = try covered.clipped(to: box).area()
                    }
                }
                let uncovered = min(1, max(0, 1 - coveredArea / area))
                let centre = full ? PlanarPoint(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2)
                    : try cell.centroid().pointValue()
                let demand = demandGrid.map { $0.weight(column: column, row: row, cell: cell, full: full) } ?? area / 1e6
                scored.append(Scored(column: column, row: row, centre: centre, areaSquareMetres: area, uncovered: uncovered,
                                     demand: demand, score: demand * uncovered,
                                     distance: distance(from: centre, nearest: nearest), clipped: !full))
            }
        }
        let analysed = scored.count
        // Scores equal to nine significant digits tie (full cells' areas differ in the last bits), and
        // ties go to the cell farthest from a station: under uniform demand that is the whole ranking.
        let topScore = scored.map(\.score).max() ?? 0
        func tieKey(_ s: Scored) -> Double { topScore > 0 ? (s.score / topScore * 1e9).rounded() : 0 }
        scored.sort { a, b in
            let ka = tieKey(a), kb = tieKey(b)
            if ka != kb { return ka > kb }
            if (a.distance ?? .infinity) != (b.distance ?? .infinity) { return (a.distance ?? .infinity) > (b.distance ?? .infinity) }
            return (a.row, a.column) < (b.row, b.column)
        }
        var cells: [GapCell] = []
        for (i, s) in scored.prefix(options.top).enumerated() {
            let box = PlanarBox(minX: x0 + Double(s.column) * size, minY: y0 + Double(s.row) * size,
                                maxX: x0 + Double(s.column + 1) * size, maxY: y0 + Double(s.row + 1) * size)
            let shape = s.clipped ? try w.geometry.clipped(to: box) : try Geometry.rectangle(box, in: w.context)
            let outline = try shape.polygons().map { GeoPolygonProjection.inverse($0, w.projection) }
            cells.append(GapCell(rank: i + 1, district: w.shape.name.adcode,
                                 centre: w.projection.inverse(x: s.centre.x, y: s.centre.y),
                                 cellAreaKm2: s.areaSquareMetres / 1e6, uncoveredFraction: s.uncovered,
                                 distanceM: s.distance, demand: s.demand, score: s.score, outline: outline))
        }
        return (cells, analysed)
    }

    /// Haversine metres to the nearest eligible station (candidates by plane distance, exact on the sphere).
    private func distance(from centre: PlanarPoint, nearest: PlanarNearest) -> Double? {
        let candidates = nearest.nearest(to: centre, slackMetres: 25)
        guard !candidates.isEmpty else { return nil }
        let here = workspace.projection.inverse(x: centre.x, y: centre.y)
        return candidates.map { Earth.distanceMetres(here, eligible[$0]) }.min()
    }
}

/// Demand weights gathered per grid cell.
struct DemandGrid {
    var pointWeights: [Int: Double] = [:]
    /// Demand polygons clipped to the district, with weight per square metre.
    var areas: [(geometry: Geometry, box: PlanarBox, density: Double)] = []
    let columns: Int

    init(layer: DemandLayer, workspace w: DistrictWorkspace, x0: Double, y0: Double, size: Double, columns: Int) throws {
        self.columns = columns
        for p in layer.points {
            let xy = w.project(p.location)
            guard w.box.contains(xy), try w.preparedGeometry.covers(xy) else { continue }
            let key = Int(((xy.y - y0) / size).rounded(.down)) * columns + Int(((xy.x - x0) / size).rounded(.down))
            pointWeights[key, default: 0] += p.weight
        }
        for area in layer.areas {
            var parts: [Geometry] = []
            for polygon in area.polygons {
                parts.append(try Geometry.polygon(GeoPolygonProjection.forward(polygon, w.projection), in: w.context))
            }
            var geometry = try Geometry.multiPolygon(parts, in: w.context)
            if try !geometry.isValid() { geometry = try geometry.makeValid() }
            let total = try geometry.area()
            guard total > 0 else { continue }
            let inside = try geometry.intersection(w.geometry)
            guard let box = try inside.bounds() else { continue }
            areas.append((inside, box, area.weight / total))
        }
    }

    func weight(column: Int, row: Int, cell: Geometry, full: Bool) -> Double {
        var sum = pointWeights[row * columns + column] ?? 0
        guard !areas.isEmpty, let cellBox = try? cell.bounds() else { return sum }
        for a in areas where a.box.intersects(cellBox) {
            // Demand polygons are already inside the district, so clipping to the cell's box suffices
            // for a full cell; a clipped cell needs the true intersection.
            let part = full ? try? a.geometry.clipped(to: cellBox) : try? a.geometry.intersection(cell)
            sum += ((try? part?.area()) ?? 0) * a.density
        }
        return sum
    }
}
