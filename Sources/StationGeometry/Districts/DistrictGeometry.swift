import StationCore

/// Builds GEOS geometries for a district outline, in degrees or in its local projection.
enum DistrictGeometry {
    /// The outline in longitude/latitude degrees (for point-in-polygon), made valid if needed.
    static func lonLatGeometry(_ shape: DistrictShape, in context: GEOSContext) throws(GEOSError) -> Geometry {
        try geometry(shape.polygons, in: context) { PlanarPoint(x: $0.lon, y: $0.lat) }
    }

    /// The outline in metres of `projection`, made valid if needed.
    static func projectedGeometry(_ shape: DistrictShape, projection: AzimuthalEquidistant,
                                  in context: GEOSContext) throws(GEOSError) -> Geometry {
        try geometry(shape.polygons, in: context) {
            let xy = projection.forward($0)
            return PlanarPoint(x: xy.x, y: xy.y)
        }
    }

    private static func geometry(_ polygons: [GeoPolygon], in context: GEOSContext,
                                 map: (LonLat) -> PlanarPoint) throws(GEOSError) -> Geometry {
        var parts: [Geometry] = []
        for polygon in polygons {
            let planar = PlanarPolygon(exterior: polygon.exterior.map(map), holes: polygon.holes.map { $0.map(map) })
            parts.append(try Geometry.polygon(planar, in: context))
        }
        let multi = try Geometry.multiPolygon(parts, in: context)
        return try multi.isValid() ? multi : try multi.makeValid()
    }
}
