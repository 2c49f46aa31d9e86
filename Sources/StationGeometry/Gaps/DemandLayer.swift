import Foundation
import StationCore

/// Where demand for stations sits (workers, deliveries...): weighted points and polygons.
///
/// Read from GeoJSON (Point/MultiPoint/Polygon/MultiPolygon features with a numeric `weight`
/// property) or CSV (`lon,lat,weight`, header optional). A polygon's weight is spread evenly over
/// its area; a point's weight falls in the cell that holds it.
public struct DemandLayer: Sendable {
    public struct WeightedPoint: Sendable, Hashable {
        public var location: LonLat
        public var weight: Double

        public init(location: LonLat, weight: Double) {
            self.location = location
            self.weight = weight
        }
    }
    public struct WeightedArea: Sendable, Hashable {
        public var polygons: [GeoPolygon]
        public var weight: Double
    }

    public var points: [WeightedPoint]
    public var areas: [WeightedArea]
    /// What the demand came from (the file's name), for answers that say so.
    public var sourceName: String?

    public init(points: [WeightedPoint] = [], areas: [WeightedArea] = []) {
        self.points = points
        self.areas = areas
    }

    /// Parses a demand file, choosing the format from the content (`{` starts GeoJSON, else CSV).
    public static func parse(_ data: Data, source: String) throws(GeometryInputError) -> DemandLayer {
        let firstByte = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        let layer = firstByte == UInt8(ascii: "{") ? try parseGeoJSON(data, source: source) : try parseCSV(data, source: source)
        guard !layer.points.isEmpty || !layer.areas.isEmpty else {
            throw GeometryInputError(source: source, reason: "no demand points or polygons")
        }
        return layer
    }

    static func parseCSV(_ data: Data, source: String) throws(GeometryInputError) -> DemandLayer {
        guard let text = String(data: data, encoding: .utf8) else {
            throw GeometryInputError(source: source, reason: "not UTF-8 text")
        }
        var points: [WeightedPoint] = []
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let location = "line \(i + 1)"
            if i == 0 || points.isEmpty, fields.first.map({ Double($0) == nil && $0.lowercased().hasPrefix("lon") }) == true {
                continue  // header
            }
            guard fields.count == 3 else {
                throw GeometryInputError(source: source, location: location, reason: "expected 3 fields lon,lat,weight, got \(fields.count)")
            }
            guard let lon = Double(fields[0]), let lat = Double(fields[1]) else {
                throw GeometryInputError(source: source, location: location, reason: "lon and lat must be numbers")
            }
            let p = LonLat(lon: lon, lat: lat)
            guard p.isValid else {
                throw GeometryInputError(source: source, location: location, reason: "position \(lon),\(lat) is out of range")
            }
            guard let weight = Double(fields[2]), weight.isFinite, weight >= 0 else {
                throw GeometryInputError(source: source, location: location, reason: "weight must be a number >= 0, got \"\(fields[2])\"")
            }
            points.append(WeightedPoint(location: p, weight: weight))
        }
        return DemandLayer(points: points)
    }

    static func parseGeoJSON(_ data: Data, source: String) throws(GeometryInputError) -> DemandLayer {
        let root = try GeoJSONGeometryParser.object(data, source: source)
        let features: [Any]
        switch root["type"] as? String {
        case "FeatureCollection":
            guard let f = root["features"] as? [Any] else {
                throw GeometryInputError(source: source, reason: "FeatureCollection without a features array")
            }
            features = f
        case "Feature":
            features = [root]
        default:
            throw GeometryInputError(source: source, reason: "expected a GeoJSON FeatureCollection or Feature")
        }
        var layer = DemandLayer()
        for (i, item) in features.enumerated() {
            let location = "feature \(i + 1)"
            guard let feature = item as? [String: Any], let geometry = feature["geometry"] as? [String: Any] else {
                throw GeometryInputError(source: source, location: location, reason: "not a Feature with a geometry")
            }
            let props = feature["properties"] as? [String: Any] ?? [:]
            guard let weight = GeoJSONGeometryParser.number(props["weight"]), weight.isFinite, weight >= 0 else {
                throw GeometryInputError(source: source, location: location, reason: "missing or invalid numeric property weight (>= 0)")
            }
            switch geometry["type"] as? String {
            case "Point":
                let p = try GeoJSONGeometryParser.lonLat(geometry["coordinates"] as Any, source: source, location: location)
                layer.points.append(WeightedPoint(location: p, weight: weight))
            case "MultiPoint":
                guard let list = geometry["coordinates"] as? [Any], !list.isEmpty else {
                    throw GeometryInputError(source: source, location: location, reason: "MultiPoint without coordinates")
                }
                for position in list {
                    let p = try GeoJSONGeometryParser.lonLat(position, source: source, location: location)
                    layer.points.append(WeightedPoint(location: p, weight: weight / Double(list.count)))
                }
            default:
                let polygons = try GeoJSONGeometryParser.polygons(geometry, source: source, location: location)
                layer.areas.append(WeightedArea(polygons: polygons, weight: weight))
            }
        }
        return layer
    }
}
