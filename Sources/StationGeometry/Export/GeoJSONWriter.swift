import StationCore
import StationWire

/// Builds an RFC 7946 FeatureCollection: WGS-84 lon/lat with at most 7 decimals, exterior rings
/// counter-clockwise and holes clockwise, valid polygons, a `bbox`, and no `crs` member.
struct GeoJSONWriter {
    /// Decimals kept for coordinates (1e-7° is about 1 cm).
    static let coordinateDecimals = 7

    /// Each feature's JSON text, in order.
    private var features: [String] = []
    private var minLon = Double.infinity, minLat = Double.infinity
    private var maxLon = -Double.infinity, maxLat = -Double.infinity
    private let context = GEOSContext()
    /// Extra top-level members (RFC 7946 §6.1 "foreign members"), written after `type`.
    var foreignMembers: [(name: String, value: PropertyValue)] = []

    /// Adds a Point feature.
    mutating func addPoint(_ p: LonLat, properties: [(String, PropertyValue)]) {
        let r = Self.rounded(p)
        extend(r)
        features.append(Self.feature(properties: properties) { w in
            w.key("type"); w.string(literal: "Point")
            w.key("coordinates"); Self.position(r, decimals: Self.coordinateDecimals, to: &w)
        })
    }

    /// Adds a MultiPoint feature with coordinates kept to `decimals` decimals (5 is about 1 m), for
    /// payloads where size matters more than centimetres (the map's compact stations layer).
    mutating func addMultiPoint(_ points: [LonLat], decimals: Int, properties: [(String, PropertyValue)]) {
        let rounded = points.map(Self.rounded)
        for p in rounded { extend(p) }
        features.append(Self.feature(properties: properties) { w in
            w.key("type"); w.string(literal: "MultiPoint")
            w.key("coordinates")
            w.beginArray()
            for p in rounded { Self.position(p, decimals: decimals, to: &w) }
            w.endArray()
        })
    }

    /// Adds a Polygon/MultiPolygon feature after rounding, validating (GEOSMakeValid when needed) and
    /// orienting the rings. Empty input becomes an empty MultiPolygon.
    mutating func addPolygons(_ polygons: [GeoPolygon], properties: [(String, PropertyValue)]) throws {
        let cleaned = try validPolygons(Self.tidy(polygons))
        let oriented = cleaned.map(Self.oriented)
        for polygon in oriented { for p in polygon.exterior { extend(p) } }
        features.append(Self.feature(properties: properties) { w in
            if oriented.count == 1 {
                w.key("type"); w.string(literal: "Polygon")
                w.key("coordinates"); Self.polygonCoordinates(oriented[0], to: &w)
            } else {
                w.key("type"); w.string(literal: "MultiPolygon")
                w.key("coordinates")
                w.beginArray()
                for polygon in oriented { Self.polygonCoordinates(polygon, to: &w) }
                w.endArray()
            }
        })
    }

    /// The finished document: one feature per line, and a final line break.
    func text() -> String {
        var w = JSONWriter(capacity: features.reduce(256) { $0 + $1.utf8.count + 2 })
        w.beginObject()
        w.key("type"); w.string(literal: "FeatureCollection")
        for member in foreignMembers {
            w.key(text: member.name)
            member.value.write(to: &w)
        }
        if minLon <= maxLon {
            w.key("bbox")
            w.beginArray()
            for v in [minLon, minLat, maxLon, maxLat] { w.number(v, decimals: Self.coordinateDecimals) }
            w.endArray()
        }
        w.key("features")
        w.beginArray()
        for (i, feature) in features.enumerated() {
            if i > 0 { w.nextItemOnNewLine() }
            w.json(feature)
        }
        w.endArray()
        w.endObject()
        w.newline()
        return w.text
    }

    // MARK: Helpers

    private mutating func extend(_ p: LonLat) {
        minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon)
        minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat)
    }

    /// One feature's text: `geometry` writes the geometry object's members.
    private static func feature(properties: [(String, PropertyValue)], geometry: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("type"); w.string(literal: "Feature")
        w.key("geometry")
        w.beginObject()
        geometry(&w)
        w.endObject()
        w.key("properties")
        w.beginObject()
        for (name, value) in properties {
            w.key(text: name)
            value.write(to: &w)
        }
        w.endObject()
        w.endObject()
        return w.text
    }

    private static func position(_ p: LonLat, decimals: Int, to w: inout JSONWriter) {
        w.beginArray()
        w.number(p.lon, decimals: decimals)
        w.number(p.lat, decimals: decimals)
        w.endArray()
    }

    private static func polygonCoordinates(_ polygon: GeoPolygon, to w: inout JSONWriter) {
        w.beginArray()
        for ring in [polygon.exterior] + polygon.holes {
            w.beginArray()
            for p in ring { position(p, decimals: coordinateDecimals, to: &w) }
            w.endArray()
        }
        w.endArray()
    }

    static func rounded(_ p: LonLat) -> LonLat {
        let scale = 1e7
        return LonLat(lon: (p.lon * scale).rounded() / scale, lat: (p.lat * scale).rounded() / scale)
    }

    static func rounded(_ polygon: GeoPolygon) -> GeoPolygon {
        GeoPolygon(exterior: polygon.exterior.map(rounded), holes: polygon.holes.map { $0.map(rounded) })
    }

    /// Rounds to 7 decimals, drops repeated points, and drops rings (and polygons) that collapse
    /// to nothing at that precision (slivers of a few square centimetres).
    static func tidy(_ polygons: [GeoPolygon]) -> [GeoPolygon] {
        func ring(_ points: [LonLat]) -> [LonLat]? {
            var out: [LonLat] = []
            out.reserveCapacity(points.count)
            for p in points.map(rounded) where out.last != p { out.append(p) }
            if let f = out.first, out.last != f { out.append(f) }
            guard out.count >= 4 else { return nil }
            // Degenerate when every point lies on one line (a bow-tie has zero signed area but is not).
            let o = out[0]
            let spans = out.dropFirst().contains { p in
                (out[1].lon - o.lon) * (p.lat - o.lat) - (out[1].lat - o.lat) * (p.lon - o.lon) != 0
            }
            return spans ? out : nil
        }
        return polygons.compactMap { polygon in
            guard let exterior = ring(polygon.exterior) else { return nil }
            return GeoPolygon(exterior: exterior, holes: polygon.holes.compactMap(ring))
        }
    }

    /// Rings in GeoJSON orientation: exterior counter-clockwise, holes clockwise (signed area in lon/lat).
    static func oriented(_ polygon: GeoPolygon) -> GeoPolygon {
        func signed(_ ring: [LonLat]) -> Double { PlanarPolygon.signedArea(ring.map { PlanarPoint(x: $0.lon, y: $0.lat) }) }
        var out = polygon
        if signed(out.exterior) < 0 { out.exterior.reverse() }
        out.holes = out.holes.map { signed($0) > 0 ? $0.reversed() : $0 }
        return out
    }

    /// The polygons as GEOS sees them in degrees; repaired with GEOSMakeValid when invalid.
    private func validPolygons(_ polygons: [GeoPolygon]) throws -> [GeoPolygon] {
        guard !polygons.isEmpty else { return [] }
        var parts: [Geometry] = []
        for polygon in polygons {
            let planar = PlanarPolygon(exterior: polygon.exterior.map { PlanarPoint(x: $0.lon, y: $0.lat) },
                                       holes: polygon.holes.map { $0.map { PlanarPoint(x: $0.lon, y: $0.lat) } })
            parts.append(try Geometry.polygon(planar, in: context))
        }
        let multi = try Geometry.multiPolygon(parts, in: context)
        if try multi.isValid() { return polygons }
        // Repair, then round the new vertices; GEOS's output is checked once more.
        let fixed = Self.tidy(try multi.makeValid().polygons().map { p in
            GeoPolygon(exterior: p.exterior.map { LonLat(lon: $0.x, lat: $0.y) },
                       holes: p.holes.map { $0.map { LonLat(lon: $0.x, lat: $0.y) } })
        })
        return fixed
    }
}
