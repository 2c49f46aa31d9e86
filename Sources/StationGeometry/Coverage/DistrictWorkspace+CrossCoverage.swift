import StationCore

extension DistrictWorkspace {
    /// The part of the district within `radius` of at least two of `points` (the unions' "双15"
    /// cross-coverage), empty when fewer than two reach anywhere.
    ///
    /// A place is reached twice exactly when it lies in some disc and in the union of the other
    /// discs; only discs whose centres are within 2 × radius can overlap, so each disc meets the
    /// union of its near neighbours, and those pieces are unioned and clipped to the district.
    func coveredTwiceGeometry(points: [PlanarPoint], radius: Double, quadrantSegments: Int) throws(GEOSError) -> Geometry {
        let disc = DiscPolygon(quadrantSegments: quadrantSegments)
        var buffer: [Double] = []
        // Neighbours by a sweep along x: centres sorted by x, pairs closer than 2r in both axes.
        let order = points.indices.sorted { points[$0].x < points[$1].x }
        var neighbours = [[Int]](repeating: [], count: points.count)
        let reach = 2 * radius
        for (a, i) in order.enumerated() {
            var b = a + 1
            while b < order.count, points[order[b]].x - points[i].x < reach {
                let j = order[b]
                let dx = points[j].x - points[i].x, dy = points[j].y - points[i].y
                if dx * dx + dy * dy < reach * reach {
                    neighbours[i].append(j)
                    neighbours[j].append(i)
                }
                b += 1
            }
        }
        var pieces: [Geometry] = []
        for i in points.indices where !neighbours[i].isEmpty {
            // A collection takes ownership of its parts, so each neighbour's disc is made afresh (cheap).
            var near: [Geometry] = []
            for j in neighbours[i] { near.append(try disc.geometry(centre: points[j], radius: radius, buffer: &buffer, in: context)) }
            let others = try Geometry.collection(near, in: context).unaryUnion()
            let piece = try disc.geometry(centre: points[i], radius: radius, buffer: &buffer, in: context).intersection(others)
            if try !piece.isEmpty() { pieces.append(piece) }
        }
        guard !pieces.isEmpty else { return try Geometry(wkt: "POLYGON EMPTY", context: context) }
        return try Geometry.collection(pieces, in: context).unaryUnion().intersection(geometry)
    }
}
