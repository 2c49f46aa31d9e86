import StationCore

/// Moves polygons between WGS-84 and a district's local plane.
enum GeoPolygonProjection {
    static func forward(_ polygon: GeoPolygon, _ projection: AzimuthalEquidistant) -> PlanarPolygon {
        let map = { (p: LonLat) -> PlanarPoint in
            let xy = projection.forward(p)
            return PlanarPoint(x: xy.x, y: xy.y)
        }
        return PlanarPolygon(exterior: polygon.exterior.map(map), holes: polygon.holes.map { $0.map(map) })
    }

    static func inverse(_ polygon: PlanarPolygon, _ projection: AzimuthalEquidistant) -> GeoPolygon {
        let map = { (p: PlanarPoint) in projection.inverse(x: p.x, y: p.y) }
        return GeoPolygon(exterior: polygon.exterior.map(map), holes: polygon.holes.map { $0.map(map) })
    }
}
