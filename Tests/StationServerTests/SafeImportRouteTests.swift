import Foundation
import Hummingbird
import HummingbirdTesting
import StationCore
import StationServer
import StationStore
import Testing

/// Imports that would delete much of the ledger, or that look like GCJ-02 read as WGS-84, wait
/// for `confirm=true`; `dry_run=true` shows the change; the history records the source and crs.
struct SafeImportRouteTests {
    static let oneRow = """
        id,name,lon,lat,grade,host_type,opening_hours,amenities
        T-1,Always open,116.401,39.90,A,convenience_store,24/7,drinking_water;toilet;heating

        """

    /// The reproducer: `import --replace` with a one-row file deleted the rest of the ledger without a word.
    @Test func aReplaceDeletingMostOfTheLedgerNeedsConfirming() async throws {
        try await withTestApp { client, services in
            let editor = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let headers = bearer(editor.secret, contentType: "text/csv")
            try await client.execute(uri: "/v1/stations/import?replace=true", method: .post, headers: headers,
                                     body: ByteBuffer(string: Self.oneRow)) { response in
                let error = try errorObject(response, status: .conflict, code: "confirmation_required", field: "confirm")
                #expect((error["message"] as? String)?.contains("would delete 4 of the 5 stations") == true)
            }
            #expect(try await services.ledger.store.allStations().count == 5)
            try await client.execute(uri: "/v1/stations/import?replace=true&dry_run=true", method: .post, headers: headers,
                                     body: ByteBuffer(string: Self.oneRow)) { response in
                let plan = try json(response)
                #expect(plan["deleted"] as? [String] == ["T-2", "T-3", "T-4", "T-5"])
                // T-1 is sent as it stands.
                #expect(plan["unchanged"] as? Int == 1)
                #expect((plan["updated"] as? [[String: Any]])?.isEmpty == true)
            }
            #expect(try await services.ledger.store.allStations().count == 5)
            try await client.execute(uri: "/v1/stations/import?replace=true&confirm=true", method: .post, headers: headers,
                                     body: ByteBuffer(string: Self.oneRow)) { response in
                let summary = try json(response)
                #expect(summary["deleted"] as? Int == 4)
            }
            #expect(services.ledger.snapshot.catalog.stations.map(\.id) == ["T-1"])
        }
    }

    /// The reproducer: re-importing a GCJ-02 file without its crs silently moved every station.
    @Test func coordinatesShiftedByTheGCJOffsetNeedTheirCRS() async throws {
        try await withTestApp { client, services in
            let editor = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let stations = try await services.ledger.store.allStations().filter { $0.id != "T-5" }
            var csv = "id,name,lon,lat,grade,organization,host_type,opening_hours,amenities,status\n"
            for s in stations {
                let g = ChinaShift.wgs84ToGCJ02(s.location)
                csv += "\(s.id),\(s.name),\(g.lon),\(g.lat),\(s.grade.rawValue),\(s.organization ?? ""),\(s.hostType.rawValue),"
                    + "\(s.openingHours),\(s.amenities.map(\.rawValue).joined(separator: ";")),\(s.status.rawValue)\n"
            }
            let headers = bearer(editor.secret, contentType: "text/csv")
            try await client.execute(uri: "/v1/stations/import", method: .post, headers: headers, body: ByteBuffer(string: csv)) { response in
                let error = try errorObject(response, status: .conflict, code: "confirmation_required")
                #expect((error["message"] as? String)?.contains("looks like gcj02") == true, "\(error)")
            }
            try await client.execute(uri: "/v1/stations/import?crs=gcj02", method: .post, headers: headers, body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let summary = try json(response)
                // Read as GCJ-02 the file is the ledger as it stands (within the conversion's centimetres).
                #expect((summary["unchanged"] as? Int ?? 0) + (summary["updated"] as? Int ?? 0) == 4)
            }
            let auditor = try await services.ledger.store.createKey(role: .auditor, organization: nil)
            try await client.execute(uri: "/v1/stations/T-1/history", method: .get, headers: bearer(auditor.secret)) { response in
                let entries = try jsonArray(response)
                #expect(entries.first?["source"] as? String == "test.csv")
                #expect(entries.first?["crs"] as? String == "wgs84")
            }
        }
    }

    @Test func aRefusedLedgerHasTheOneErrorShape() async throws {
        try await withTestApp { client, services in
            let editor = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let bad = Self.oneRow.replacingOccurrences(of: ",A,", with: ",Z,")
            try await client.execute(uri: "/v1/stations/import", method: .post, headers: bearer(editor.secret, contentType: "text/csv"),
                                     body: ByteBuffer(string: bad)) { response in
                let error = try errorObject(response, status: .unprocessableContent, code: "invalid_ledger", field: "body")
                #expect((error["details"] as? [String])?.count == 1)
                #expect((error["message"] as? String)?.contains("\n") == false)
            }
        }
    }
}
