import Foundation
import StationCore

/// Beijing's districts with GEOS prepared polygons: which district holds a point, and name lookup.
///
/// Thread safety: the district outlines are kept as Sendable values; the GEOS context and the
/// prepared polygons built from them live behind a lock and are only touched while it is held,
/// so one `DistrictMap` can be shared by many threads (the store uses it while importing).
public final class DistrictMap: @unchecked Sendable {
    /// The districts in input order.
    public let districts: [DistrictName]
    /// The outlines as plain values, for analyses that build their own GEOS objects.
    public let shapes: [DistrictShape]

    private let lock = NSLock()
    private let context: GEOSContext
    private let prepared: [PreparedGeometry]
    /// Longitude/latitude bounds per district: a cheap test before the GEOS one.
    private let boxes: [PlanarBox]

    /// Parses the districts FeatureCollection (properties adcode, name, pinyin; Polygon or MultiPolygon).
    public convenience init(geoJSON: Data, source: String = "districts.geojson") throws {
        try self.init(shapes: GeoJSONGeometryParser.districts(geoJSON, source: source))
    }

    /// Builds the map from outlines already parsed (e.g. from the store's districts table).
    public init(shapes: [DistrictShape]) throws {
        self.shapes = shapes
        self.districts = shapes.map(\.name)
        let context = GEOSContext()
        var prepared: [PreparedGeometry] = []
        var boxes: [PlanarBox] = []
        for shape in shapes {
            let geometry = try DistrictGeometry.lonLatGeometry(shape, in: context)
            prepared.append(try geometry.prepared())
            let b = shape.bounds
            boxes.append(PlanarBox(minX: b.min.lon, minY: b.min.lat, maxX: b.max.lon, maxY: b.max.lat))
        }
        self.context = context
        self.prepared = prepared
        self.boxes = boxes
    }

    /// The adcode of the district containing `point` (boundary counts as inside), nil outside Beijing.
    public func adcode(containing point: LonLat) -> String? {
        index(containing: point).map { districts[$0].adcode }
    }

    /// The index in ``districts`` of the district containing `point`.
    public func index(containing point: LonLat) -> Int? {
        guard point.isValid else { return nil }
        let p = PlanarPoint(x: point.lon, y: point.lat)
        lock.lock()
        defer { lock.unlock() }
        for (i, box) in boxes.enumerated() where box.contains(p) {
            // A GEOS failure on a valid point would be a library fault; treat it as "not here".
            if (try? prepared[i].covers(p)) == true { return i }
        }
        return nil
    }

    /// The district named by adcode, Chinese name (with or without 区) or pinyin.
    public func district(matching query: String) -> DistrictName? {
        districts.first { $0.matches(query) }
    }

    /// The outline of the district with `adcode`.
    public func shape(adcode: String) -> DistrictShape? {
        shapes.first { $0.name.adcode == adcode }
    }
}
