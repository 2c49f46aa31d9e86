import StationCore

/// One district projected into its local plane, with the GEOS objects analyses reuse.
///
/// Lives in one ``GEOSContext`` and so on one thread or task; analyses make one per district.
final class DistrictWorkspace {
    let shape: DistrictShape
    let context: GEOSContext
    let projection: AzimuthalEquidistant
    /// The district in metres of ``projection``.
    let geometry: Geometry
    let preparedGeometry: PreparedGeometry
    let box: PlanarBox
    let areaSquareMetres: Double

    init(shape: DistrictShape, context: GEOSContext) throws(GEOSError) {
        self.shape = shape
        self.context = context
        projection = AzimuthalEquidistant(centre: shape.projectionCentre)
        geometry = try DistrictGeometry.projectedGeometry(shape, projection: projection, in: context)
        preparedGeometry = try geometry.prepared()
        guard let box = try geometry.bounds() else {
            throw GEOSError(operation: "district outline", message: "district \(shape.name.adcode) has an empty outline")
        }
        self.box = box
        areaSquareMetres = try geometry.area()
    }

    func project(_ p: LonLat) -> PlanarPoint {
        let xy = projection.forward(p)
        return PlanarPoint(x: xy.x, y: xy.y)
    }

    /// Stations whose disc of `radius` reaches the district, as (index into `stations`, projected
    /// point). A cheap degree test runs before projecting, a box test before the exact GEOS one;
    /// dropping the discs that only reach the district's box keeps unions small (Chaoyang's box
    /// holds three times the stations that can reach Chaoyang).
    func candidates(_ stations: [CoverageStation], radius: Double, where include: (Int) -> Bool) throws(GEOSError) -> [(index: Int, point: PlanarPoint)] {
        let b = shape.bounds
        // Generous degree margin: 1° latitude >= 110.5 km; longitude shrinks with cos(latitude).
        let marginLat = radius / 110_000 * 1.5 + 1e-6
        let coslat = max(0.05, cos(max(abs(b.min.lat), abs(b.max.lat)) * Double.pi / 180))
        let marginLon = marginLat / coslat
        let grown = box.expanded(by: radius)
        var out: [(index: Int, point: PlanarPoint)] = []
        for (i, s) in stations.enumerated() {
            let p = s.location
            guard p.lon >= b.min.lon - marginLon, p.lon <= b.max.lon + marginLon,
                  p.lat >= b.min.lat - marginLat, p.lat <= b.max.lat + marginLat, include(i) else { continue }
            let xy = project(p)
            guard grown.contains(xy) else { continue }
            // Inside, or the disc's bounding square touches the district (a few extra discs are harmless).
            let square = PlanarBox(minX: xy.x - radius, minY: xy.y - radius, maxX: xy.x + radius, maxY: xy.y + radius)
            if try preparedGeometry.covers(xy) {
                out.append((i, xy))
            } else if try preparedGeometry.intersects(Geometry.rectangle(square, in: context)) {
                out.append((i, xy))
            }
        }
        return out
    }

    /// The union of discs of `radius` around `points`, clipped to the district (empty when none).
    func coveredGeometry(points: [PlanarPoint], radius: Double, quadrantSegments: Int) throws(GEOSError) -> Geometry {
        if points.isEmpty {
            return try Geometry(wkt: "POLYGON EMPTY", context: context)
        }
        let disc = DiscPolygon(quadrantSegments: quadrantSegments)
        var buffer: [Double] = []
        buffer.reserveCapacity(2 * (disc.segments + 1))
        var discs: [Geometry] = []
        discs.reserveCapacity(points.count)
        for p in points {
            discs.append(try disc.geometry(centre: p, radius: radius, buffer: &buffer, in: context))
        }
        let union = try Geometry.collection(discs, in: context).unaryUnion()
        return try union.intersection(geometry)
    }

    /// How many of `points` lie in the district (boundary included).
    func countInside(_ points: [PlanarPoint]) throws(GEOSError) -> Int {
        var n = 0
        for p in points where box.contains(p) {
            if try preparedGeometry.covers(p) { n += 1 }
        }
        return n
    }
}
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
