import Foundation
import StationCore

/// Converts every coordinate of a GeoJSON document between coordinate systems (for
/// `stationfinder crs --geojson`), keeping all other members as they were.
///
/// The document is parsed into ``JSONTree`` so that non-coordinate members (properties,
/// ids, foreign members) survive untouched; only arrays under a `coordinates` key are
/// converted, position by position, and `bbox` members are dropped because they would be
/// stale after the shift.
struct GeoJSONReprojection {
    let from: CoordinateSystem
    let to: CoordinateSystem
    /// Decimal places written for converted coordinates (7 places is about 1 cm).
    let decimals: Int

    /// Why a GeoJSON document could not be converted; names the member path.
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    /// Number of positions converted by the last call (for the command's summary line).
    struct Outcome {
        var document: JSONTree
        var positionCount: Int
    }

    /// Returns `document` with every position converted.
    func convert(_ document: JSONTree) throws(Failure) -> Outcome {
        var count = 0
        let out = try walk(document, path: "$", count: &count)
        return Outcome(document: out, positionCount: count)
    }

    private func walk(_ value: JSONTree, path: String, count: inout Int) throws(Failure) -> JSONTree {
        switch value {
        case .object(let members):
            var result: [String: JSONTree] = [:]
            for (key, member) in members where key != "bbox" {
                let memberPath = "\(path).\(key)"
                if key == "coordinates" {
                    result[key] = try positions(member, path: memberPath, count: &count)
                } else {
                    result[key] = try walk(member, path: memberPath, count: &count)
                }
            }
            return .object(result)
        case .array(let items):
            var result: [JSONTree] = []
            result.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                result.append(try walk(item, path: "\(path)[\(i)]", count: &count))
            }
            return .array(result)
        default:
            return value
        }
    }

    /// Converts a (possibly nested) array of positions; a position is an array whose first
    /// element is a number.
    private func positions(_ value: JSONTree, path: String, count: inout Int) throws(Failure) -> JSONTree {
        guard case .array(let items) = value else {
            throw Failure(path: path, reason: "coordinates must be an array")
        }
        if let first = items.first, first.number != nil {
            return try position(items, path: path, count: &count)
        }
        var result: [JSONTree] = []
        result.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            result.append(try positions(item, path: "\(path)[\(i)]", count: &count))
        }
        return .array(result)
    }

    private func position(_ items: [JSONTree], path: String, count: inout Int) throws(Failure) -> JSONTree {
        guard items.count >= 2, let lon = items[0].number, let lat = items[1].number else {
            throw Failure(path: path, reason: "a position needs at least two numbers [lon, lat]")
        }
        let wgs: LonLat
        do {
            wgs = try from.toWGS84(LonLat(lon: lon, lat: lat))
        } catch {
            throw Failure(path: path, reason: error.description)
        }
        let out = to.fromWGS84(wgs)
        count += 1
        var result: [JSONTree] = [.fixed(out.lon, decimals: decimals), .fixed(out.lat, decimals: decimals)]
        result.append(contentsOf: items.dropFirst(2))  // altitude and beyond are not shifted
        return .array(result)
    }
}
