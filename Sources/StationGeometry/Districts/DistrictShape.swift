import StationCore

/// A polygon in WGS-84 longitude/latitude: one exterior ring and its holes, each ring closed.
public struct GeoPolygon: Hashable, Sendable {
    public var exterior: [LonLat]
    public var holes: [[LonLat]]

    public init(exterior: [LonLat], holes: [[LonLat]] = []) {
        self.exterior = exterior
        self.holes = holes
    }
}

/// One district's names and outline as plain Sendable values (no GEOS objects inside).
public struct DistrictShape: Hashable, Sendable {
    public var name: DistrictName
    /// The parts of a Polygon (one) or MultiPolygon (several).
    public var polygons: [GeoPolygon]

    public init(name: DistrictName, polygons: [GeoPolygon]) {
        self.name = name
        self.polygons = polygons
    }

    /// Longitude/latitude bounds of all exterior rings as (min, max) corners.
    public var bounds: (min: LonLat, max: LonLat) {
        var lo = LonLat(lon: .infinity, lat: .infinity)
        var hi = LonLat(lon: -.infinity, lat: -.infinity)
        for polygon in polygons {
            for p in polygon.exterior {
                lo.lon = min(lo.lon, p.lon); lo.lat = min(lo.lat, p.lat)
                hi.lon = max(hi.lon, p.lon); hi.lat = max(hi.lat, p.lat)
            }
        }
        return (lo, hi)
    }

    /// The centre of the bounding box: the origin of the district's local projection.
    public var projectionCentre: LonLat {
        let b = bounds
        return LonLat(lon: (b.min.lon + b.max.lon) / 2, lat: (b.min.lat + b.max.lat) / 2)
    }
}
