import Foundation
import StationCore

/// Why a route could not be read: the part at fault and a sentence saying what is wrong with it.
public struct RouteInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `type`, `geometry`, `coordinates[3]`, `polyline`, ...
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Routes as workers' apps send them: a GeoJSON LineString (bare, or the geometry of a Feature, or of the
/// one Feature of a FeatureCollection) or a Google encoded polyline. Positions come back longitude first,
/// in whatever system the caller declares (checked and converted by ``AlongQuery``).
public enum RouteInput {
    /// The largest route read, in positions: a longer one is refused while reading, before any work.
    public static let maxPositions = AlongQuery.vertexRange.upperBound

    /// The positions of a GeoJSON LineString, Feature or single-Feature FeatureCollection.
    public static func geoJSON(_ data: Data) throws(RouteInputError) -> [LonLat] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw RouteInputError(field: "body", reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard var object = parsed as? [String: Any] else {
            throw RouteInputError(field: "body", reason: "expected a GeoJSON object (a LineString or a Feature holding one)")
        }
        var path = ""
        if object["type"] as? String == "FeatureCollection" {
            guard let features = object["features"] as? [Any], features.count == 1,
                let feature = features[0] as? [String: Any]
            else {
                throw RouteInputError(field: "features", reason: "a FeatureCollection must hold exactly one Feature with the route")
            }
            object = feature
            path = "features[0]."
        }
        if object["type"] as? String == "Feature" {
            guard let geometry = object["geometry"] as? [String: Any] else {
                throw RouteInputError(field: path + "geometry", reason: "a Feature must have a LineString geometry")
            }
            object = geometry
            path += "geometry."
        }
        guard let type = object["type"] as? String else {
            throw RouteInputError(field: path + "type", reason: "missing GeoJSON type; expected LineString")
        }
        guard type == "LineString" else {
            throw RouteInputError(field: path + "type", reason: "the route must be a LineString, got \(type)")
        }
        guard let coordinates = object["coordinates"] as? [Any] else {
            throw RouteInputError(field: path + "coordinates", reason: "a LineString needs a coordinates array")
        }
        guard coordinates.count <= maxPositions else {
            throw RouteInputError(field: path + "coordinates", reason: "a route may have at most \(maxPositions) positions, got \(coordinates.count)")
        }
        var route: [LonLat] = []
        route.reserveCapacity(coordinates.count)
        for (i, item) in coordinates.enumerated() {
            guard let position = item as? [Any], position.count >= 2,
                let lon = GeoJSONGeometryParser.number(position[0]), let lat = GeoJSONGeometryParser.number(position[1])
            else {
                throw RouteInputError(field: "\(path)coordinates[\(i)]", reason: "a position must be [lon, lat] numbers")
            }
            route.append(LonLat(lon: lon, lat: lat))
        }
        return route
    }

    /// Decodes Google's encoded polyline format: each value a signed, zig-zag, 5-bit-chunked varint offset
    /// by 63 into printable ASCII, latitude then longitude, each a difference from the previous position,
    /// in units of 10^-precision degrees (5, the format's usual value, or 6).
    public static func polyline(_ text: Substring, precision: Int = 5) throws(RouteInputError) -> [LonLat] {
        guard precision == 5 || precision == 6 else {
            throw RouteInputError(field: "precision", reason: "precision must be 5 or 6, got \(precision)")
        }
        let scale = precision == 5 ? 1e5 : 1e6
        var route: [LonLat] = []
        var lat = 0
        var lon = 0
        var bytes = text.utf8.makeIterator()
        var index = 0
        func value() throws(RouteInputError) -> Int? {
            var result = 0
            var shift = 0
            while true {
                guard let b = bytes.next() else {
                    if shift == 0 { return nil }
                    throw RouteInputError(field: "polyline", reason: "ends in the middle of a value at character \(index)")
                }
                index += 1
                guard b >= 63, b <= 126 else {
                    throw RouteInputError(field: "polyline", reason: "character \(index) is not part of an encoded polyline (byte \(b))")
                }
                let chunk = Int(b) - 63
                guard shift <= 30 else {
                    throw RouteInputError(field: "polyline", reason: "a value at character \(index) is too long")
                }
                result |= (chunk & 0x1F) << shift
                shift += 5
                if chunk < 0x20 { break }
            }
            return (result & 1) != 0 ? ~(result >> 1) : result >> 1
        }
        while let dLat = try value() {
            guard let dLon = try value() else {
                throw RouteInputError(field: "polyline", reason: "a latitude at character \(index) has no longitude")
            }
            lat += dLat
            lon += dLon
            route.append(LonLat(lon: Double(lon) / scale, lat: Double(lat) / scale))
            guard route.count <= maxPositions else {
                throw RouteInputError(field: "polyline", reason: "a route may have at most \(maxPositions) positions")
            }
        }
        return route
    }

    /// Google's encoding of `route` (used by tests and the benchmarks to build requests).
    public static func encodePolyline(_ route: [LonLat], precision: Int = 5) -> String {
        let scale = precision == 5 ? 1e5 : 1e6
        var out = ""
        var previous = (lat: 0, lon: 0)
        func put(_ v: Int) {
            var z = v < 0 ? ~(v << 1) : v << 1
            while z >= 0x20 {
                out.unicodeScalars.append(Unicode.Scalar(UInt8((0x20 | (z & 0x1F)) + 63)))
                z >>= 5
            }
            out.unicodeScalars.append(Unicode.Scalar(UInt8(z + 63)))
        }
        for p in route {
            let lat = Int((p.lat * scale).rounded())
            let lon = Int((p.lon * scale).rounded())
            put(lat - previous.lat)
            put(lon - previous.lon)
            previous = (lat, lon)
        }
        return out
    }
}
