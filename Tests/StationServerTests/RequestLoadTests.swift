import Foundation
import StationCore
import StationGeometry
@testable import StationServer
import Testing

/// Which along requests count as heavy: more than ``RequestLoad/longRoutePositions`` positions, counted
/// in the raw query without decoding the polyline.
struct RequestLoadTests {
    /// A seeded wandering route of `count` positions around Beijing, with steps of up to a few km so
    /// values take one to five bytes each.
    static func route(_ count: Int, seed: UInt64) -> [LonLat] {
        var rng = SplitMix64(seed: seed)
        var p = LonLat(lon: 116.4, lat: 39.9)
        return (0..<count).map { _ in
            p = LonLat(lon: p.lon + (rng.nextUnit() - 0.5) * 0.05, lat: p.lat + (rng.nextUnit() - 0.5) * 0.03)
            return p
        }
    }

    @Test(arguments: [2, 3, 499, 500, 501, 1_000])
    func countsThePositionsOfAnEncodedPolyline(count: Int) {
        for seed in UInt64(1)...5 {
            for precision in [5, 6] {
                let encoded = RouteInput.encodePolyline(Self.route(count, seed: seed), precision: precision)
                // As a client sends it: percent-encoded where a query needs it, among other parameters.
                let escaped = encoded.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                #expect(RequestLoad.polylinePositions(inQuery: "polyline=\(encoded)") == count)
                #expect(RequestLoad.polylinePositions(inQuery: "max_detour=300&polyline=\(escaped)&precision=\(precision)") == count)
            }
        }
    }

    @Test func noPolylineIsNoPositions() {
        #expect(RequestLoad.polylinePositions(inQuery: "") == 0)
        #expect(RequestLoad.polylinePositions(inQuery: "polylines=_p~iF~ps|U") == 0)
        #expect(RequestLoad.polylinePositions(inQuery: "polyline=") == 0)
    }
}
