import Foundation
import Hummingbird
import HummingbirdTesting
import StationCore
import StationGeometry
@testable import StationServer
import Testing

/// The coverage route's memo answers exactly what the analyzer computes, and forgets on a write.
struct CoverageMemoTests {
    @Test func memoAnswersEqualTheAnalyzersAtEveryTimeAndOnRepeats() async throws {
        let services = try await TestLedger.services()
        let snapshot = services.ledger.snapshot
        let memo = CoverageMemo()
        let shapes = snapshot.coverage.districts
        // 10:00 twice (the second from the memo), 23:00 (the night shop instead of the office), any time.
        let monday = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-11-23T10:00")!)
        let times: [CoverageTime] = [.at(epochSeconds: monday), .at(epochSeconds: monday), .at(epochSeconds: monday + 13 * 3600),
                                     .anyTimeInWeek(startingEpochSeconds: monday - 10 * 3600)]
        for time in times {
            for radius in [500.0, 2_000] {
                let options = CoverageOptions(radiusMetres: radius, time: time)
                let remembered = try memo.coverage(of: shapes, options: options, in: snapshot)
                let computed = try snapshot.coverage.coverage(of: shapes, options: options)
                #expect(remembered == computed)
            }
        }
    }

    /// A station just inside the radius east of Dongcheng's easternmost point can reach the district,
    /// so the key must hold it; one well beyond must not be in it.
    @Test func theKeyHoldsEveryStationThatCanReachTheDistrict() async throws {
        let shape = try #require(try await TestLedger.services().ledger.snapshot.coverage.districts.first { $0.name.adcode == "110101" })
        let east = shape.polygons.flatMap(\.exterior).max { $0.lon < $1.lon }!
        let metresPerDegree = 111_320 * cos(east.lat * .pi / 180)
        let near = LonLat(lon: east.lon + 499 / metresPerDegree, lat: east.lat)
        let far = LonLat(lon: east.lon + 700 / metresPerDegree, lat: east.lat)
        let stations = [CoverageStation(id: "near", location: near, isPublic: true),
                        CoverageStation(id: "far", location: far, isPublic: true)]
        let key = CoverageMemo.key(for: shape, eligible: [0, 1], stations: stations, options: CoverageOptions(radiusMetres: 500))
        #expect(key.reaching == [0])
    }

    @Test func aLedgerWriteIsSeenByTheNextCoverageAnswer() async throws {
        try await withTestApp { client, services in
            let uri = "/v1/coverage?district=110101&radius=500&at=2026-11-23T10:00"
            var before = 0
            try await client.execute(uri: uri, method: .get) { response in
                before = try jsonArray(response).first?["stations"] as? Int ?? -1
            }
            #expect(before == 2)  // T-1 and T-2 are open at 10:00 on a Monday
            let editor = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let body = #"{"id":"T-9","name":"New kiosk","lon":116.41,"lat":39.91,"grade":"A","host_type":"shop","opening_hours":"24/7","amenities":["toilet"]}"#
            try await client.execute(uri: "/v1/stations", method: .post, headers: bearer(editor.secret, contentType: "application/json"),
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: uri, method: .get) { response in
                let rows = try jsonArray(response)
                #expect(rows.first?["stations"] as? Int == 3)
            }
        }
    }
}
