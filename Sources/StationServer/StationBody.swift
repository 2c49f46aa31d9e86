import Foundation
import Hummingbird
import StationCore

/// Reads a station sent as JSON (`POST /v1/stations`, `PUT /v1/stations/{id}`) and turns it into a
/// one-feature GeoJSON ledger, so it passes through exactly the importer's validation.
enum StationBody {
    struct Feature {
        var id: String
        var crs: CoordinateSystem
        var geoJSON: Data
    }

    static func feature(from request: Request, context: StationRequestContext, pathID: String?) async throws -> Feature {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw APIError.invalid("body", "the body must be a JSON object with the station's fields")
        }
        var properties = object
        let bodyID = properties["id"] as? String
        if let pathID, let bodyID, bodyID != pathID {
            throw APIError.invalid("id", "the body's id '\(bodyID)' differs from the path's '\(pathID)'")
        }
        guard let id = pathID ?? bodyID, !id.isEmpty else { throw APIError.invalid("id", "missing station id") }
        properties["id"] = id
        guard let lon = number(properties.removeValue(forKey: "lon")) else {
            throw APIError.invalid("lon", "lon must be a number (degrees)")
        }
        guard let lat = number(properties.removeValue(forKey: "lat")) else {
            throw APIError.invalid("lat", "lat must be a number (degrees)")
        }
        // The system may come as the `crs` query parameter (as on import) or a `crs` body field.
        let queryCRS = try QueryReader(request).choice("crs", as: CoordinateSystem.self)
        var crs = queryCRS ?? .wgs84
        if let text = properties.removeValue(forKey: "crs") {
            guard let name = text as? String, let system = CoordinateSystem(rawValue: name) else {
                throw APIError.invalid("crs", "crs must be one of wgs84, gcj02, bd09")
            }
            if let queryCRS, queryCRS != system {
                throw APIError.invalid("crs", "the crs parameter (\(queryCRS.rawValue)) and the body's crs (\(system.rawValue)) differ")
            }
            crs = system
        }
        let collection: [String: Any] = [
            "type": "FeatureCollection",
            "features": [[
                "type": "Feature",
                "geometry": ["type": "Point", "coordinates": [lon, lat]],
                "properties": properties,
            ]],
        ]
        return Feature(id: id, crs: crs, geoJSON: try JSONSerialization.data(withJSONObject: collection))
    }

    private static func number(_ value: Any?) -> Double? {
        guard let n = value as? NSNumber, !(value is Bool), n.doubleValue.isFinite else { return nil }
        return n.doubleValue
    }
}
