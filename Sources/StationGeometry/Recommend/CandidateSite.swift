import Foundation
import StationCore

/// A place a new station could go, as a planner lists it (or a gap cell's centre).
public struct CandidateSite: Sendable, Hashable {
    public var location: LonLat
    /// The planner's id, or a made-up one ("line 4", "cell r12 c34") when none was given.
    public var id: String
    /// Where it came from, for errors: "line 4", "feature 2", "candidate 3".
    public var origin: String

    public init(location: LonLat, id: String, origin: String) {
        self.location = location
        self.id = id
        self.origin = origin
    }

    /// Parses a candidates file: GeoJSON Point features (id from `properties.id` or the feature's
    /// `id`) when it starts with `{`, else CSV `lon,lat[,id]` with an optional header.
    public static func parse(_ data: Data, source: String) throws(GeometryInputError) -> [CandidateSite] {
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        let sites = first == UInt8(ascii: "{") ? try parseGeoJSON(data, source: source) : try parseCSV(data, source: source)
        guard !sites.isEmpty else { throw GeometryInputError(source: source, reason: "no candidate sites") }
        return sites
    }

    /// Parses the HTTP form: `lon,lat;lon,lat;...` (items named "candidate N" in errors).
    public static func parseInline(_ text: String, source: String = "candidates") throws(GeometryInputError) -> [CandidateSite] {
        var sites: [CandidateSite] = []
        for (i, item) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let origin = "candidate \(i + 1)"
            let fields = item.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2 || fields.count == 3 else {
                throw GeometryInputError(source: source, location: origin, reason: "expected lon,lat or lon,lat,id, got \"\(item)\"")
            }
            let site = try site(fields, origin: origin, source: source)
            sites.append(site)
        }
        guard !sites.isEmpty else { throw GeometryInputError(source: source, reason: "no candidate sites") }
        return sites
    }

    static func parseCSV(_ data: Data, source: String) throws(GeometryInputError) -> [CandidateSite] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw GeometryInputError(source: source, reason: "not UTF-8 text")
        }
        var sites: [CandidateSite] = []
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if i == 0 && line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if sites.isEmpty, Double(fields[0]) == nil, fields[0].lowercased().hasPrefix("lon") { continue }  // header
            let origin = "line \(i + 1)"
            guard fields.count == 2 || fields.count == 3 else {
                throw GeometryInputError(source: source, location: origin, reason: "expected 2 or 3 fields lon,lat[,id], got \(fields.count)")
            }
            sites.append(try site(fields, origin: origin, source: source))
        }
        return sites
    }

    static func parseGeoJSON(_ data: Data, source: String) throws(GeometryInputError) -> [CandidateSite] {
        let root = try GeoJSONGeometryParser.object(data, source: source)
        guard root["type"] as? String == "FeatureCollection", let features = root["features"] as? [Any] else {
            throw GeometryInputError(source: source, reason: "expected a GeoJSON FeatureCollection of Point features")
        }
        var sites: [CandidateSite] = []
        for (i, item) in features.enumerated() {
            let origin = "feature \(i + 1)"
            guard let feature = item as? [String: Any], let geometry = feature["geometry"] as? [String: Any],
                  geometry["type"] as? String == "Point" else {
                throw GeometryInputError(source: source, location: origin, reason: "not a Feature with a Point geometry")
            }
            let p = try GeoJSONGeometryParser.lonLat(geometry["coordinates"] as Any, source: source, location: origin)
            let props = feature["properties"] as? [String: Any] ?? [:]
            let id = GeoJSONGeometryParser.text(props["id"]) ?? GeoJSONGeometryParser.text(feature["id"]) ?? origin
            sites.append(CandidateSite(location: p, id: id, origin: origin))
        }
        return sites
    }

    private static func site(_ fields: [String], origin: String, source: String) throws(GeometryInputError) -> CandidateSite {
        guard let lon = Double(fields[0]), let lat = Double(fields[1]) else {
            throw GeometryInputError(source: source, location: origin, reason: "lon and lat must be numbers, got \"\(fields[0])\", \"\(fields[1])\"")
        }
        let p = LonLat(lon: lon, lat: lat)
        guard p.isValid else {
            throw GeometryInputError(source: source, location: origin, reason: "position \(lon),\(lat) is out of range (lon -180...180, lat -90...90)")
        }
        let id = fields.count == 3 && !fields[2].isEmpty ? fields[2] : origin
        return CandidateSite(location: p, id: id, origin: origin)
    }
}
