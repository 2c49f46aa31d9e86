import Foundation
import StationCore

/// libFuzzer entry: the route readers of `along` (the first input byte picks one): GeoJSON
/// LineString / Feature / FeatureCollection, Google encoded polylines at precision 5 and 6; and the
/// GeoJSON polygon reader of district outlines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRouteParsers(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let rest = Data(bytes[1...])
    switch bytes[0] % 4 {
    case 0: _ = try? RouteInput.geoJSON(rest)
    case 3: _ = try? GeoJSONGeometryParser.polygons(geometryJSON: rest, source: "fuzz")
    default:
        let text = String(decoding: rest, as: UTF8.self)
        if let route = try? RouteInput.polyline(text[...], precision: bytes[0] % 4 == 1 ? 5 : 6) {
            // What decodes must encode again to the same positions.
            let again = RouteInput.encodePolyline(route, precision: bytes[0] % 4 == 1 ? 5 : 6)
            _ = try? RouteInput.polyline(again[...], precision: bytes[0] % 4 == 1 ? 5 : 6)
        }
    }
    return 0
}
