import Foundation
import StationCore

/// Reads GeoJSON (RFC 7946) Polygon/MultiPolygon geometries and district FeatureCollections.
enum GeoJSONGeometryParser {
    /// Parses a districts FeatureCollection whose features carry adcode, name and pinyin.
    static func districts(_ data: Data, source: String) throws(GeometryInputError) -> [DistrictShape] {
        let root = try object(data, source: source)
        guard root["type"] as? String == "FeatureCollection", let features = root["features"] as? [Any] else {
            throw GeometryInputError(source: source, reason: "expected a GeoJSON FeatureCollection with a features array")
        }
        var shapes: [DistrictShape] = []
        var seen = Set<String>()
        for (i, item) in features.enumerated() {
            let location = "feature \(i + 1)"
            guard let feature = item as? [String: Any], let props = feature["properties"] as? [String: Any] else {
                throw GeometryInputError(source: source, location: location, reason: "not a Feature with properties")
            }
            guard let adcode = text(props["adcode"]), !adcode.isEmpty else {
                throw GeometryInputError(source: source, location: location, reason: "missing property adcode")
            }
            guard let name = props["name"] as? String, !name.isEmpty else {
                throw GeometryInputError(source: source, location: location, reason: "missing property name")
            }
            let pinyin = props["pinyin"] as? String ?? ""
            guard seen.insert(adcode).inserted else {
                throw GeometryInputError(source: source, location: location, reason: "duplicate adcode \(adcode)")
            }
            guard let geometry = feature["geometry"] as? [String: Any] else {
                throw GeometryInputError(source: source, location: location, reason: "missing geometry")
            }
            let polygons = try polygons(geometry, source: source, location: location)
            shapes.append(DistrictShape(name: DistrictName(adcode: adcode, name: name, pinyin: pinyin), polygons: polygons))
        }
        return shapes
    }

    /// Parses one geometry object given as JSON text (e.g. a row of the store's districts table).
    static func polygons(geometryJSON data: Data, source: String) throws(GeometryInputError) -> [GeoPolygon] {
        try polygons(try object(data, source: source), source: source, location: nil)
    }

    static func object(_ data: Data, source: String) throws(GeometryInputError) -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw GeometryInputError(source: source, reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let root = parsed as? [String: Any] else {
            throw GeometryInputError(source: source, reason: "expected a JSON object at the top level")
        }
        return root
    }

    /// The polygons of a Polygon or MultiPolygon geometry object.
    static func polygons(_ geometry: [String: Any], source: String, location: String?) throws(GeometryInputError) -> [GeoPolygon] {
        let type = geometry["type"] as? String
        switch type {
        case "Polygon":
            guard let rings = geometry["coordinates"] as? [Any] else {
                throw GeometryInputError(source: source, location: location, reason: "Polygon without coordinates")
            }
            return [try polygon(rings, source: source, location: location)]
        case "MultiPolygon":
            guard let parts = geometry["coordinates"] as? [Any] else {
                throw GeometryInputError(source: source, location: location, reason: "MultiPolygon without coordinates")
            }
            var out: [GeoPolygon] = []
            for part in parts {
                guard let rings = part as? [Any] else {
                    throw GeometryInputError(source: source, location: location, reason: "MultiPolygon part is not an array of rings")
                }
                out.append(try polygon(rings, source: source, location: location))
            }
            guard !out.isEmpty else {
                throw GeometryInputError(source: source, location: location, reason: "empty MultiPolygon")
            }
            return out
        default:
            throw GeometryInputError(source: source, location: location,
                                     reason: "geometry type \(type ?? "(missing)") is not Polygon or MultiPolygon")
        }
    }

    private static func polygon(_ rings: [Any], source: String, location: String?) throws(GeometryInputError) -> GeoPolygon {
        var parsed: [[LonLat]] = []
        for ringAny in rings {
            guard let ring = ringAny as? [Any] else {
                throw GeometryInputError(source: source, location: location, reason: "a ring is not an array of positions")
            }
            var points: [LonLat] = []
            points.reserveCapacity(ring.count + 1)
            for position in ring {
                points.append(try lonLat(position, source: source, location: location))
            }
            if let f = points.first, points.last != f { points.append(f) }
            guard points.count >= 4 else {
                throw GeometryInputError(source: source, location: location, reason: "a ring has fewer than 3 distinct positions")
            }
            parsed.append(points)
        }
        guard let exterior = parsed.first else {
            throw GeometryInputError(source: source, location: location, reason: "a polygon has no rings")
        }
        return GeoPolygon(exterior: exterior, holes: Array(parsed.dropFirst()))
    }

    static func lonLat(_ position: Any, source: String, location: String?) throws(GeometryInputError) -> LonLat {
        guard let values = position as? [Any], values.count >= 2,
              let lon = number(values[0]), let lat = number(values[1]) else {
            throw GeometryInputError(source: source, location: location, reason: "a position is not [longitude, latitude]")
        }
        let p = LonLat(lon: lon, lat: lat)
        guard p.isValid else {
            throw GeometryInputError(source: source, location: location, reason: "position [\(lon), \(lat)] is out of range")
        }
        return p
    }

    static func number(_ value: Any?) -> Double? {
        // JSON true/false arrive as NSNumber too; their objCType is "c" (char).
        if let n = value as? NSNumber, String(cString: n.objCType) != "c" { return n.doubleValue }
        return nil
    }

    static func text(_ value: Any?) -> String? {
        if let s = value as? String { return s }
        if let n = number(value) { return String(Int(n)) }
        return nil
    }
}
