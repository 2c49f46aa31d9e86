import Foundation
import Hummingbird
import HummingbirdTesting
import StationServer
import StationStore
import Testing

/// Reading and writing the ledger over HTTP, with every access-control path.
struct LedgerRouteTests {
    static let newStation = #"{"id":"T-9","name":"New kiosk","lon":116.405,"lat":39.90,"grade":"B","host_type":"shop","opening_hours":"Mo-Su 07:00-19:00","amenities":["drinking_water","toilet"]}"#

    @Test func listHidesMembersOnlyStationsFromAnonymousCallers() async throws {
        try await withTestApp { client, services in
            try await client.execute(uri: "/v1/stations", method: .get) { response in
                let ids = try jsonArray(response).compactMap { $0["id"] as? String }
                #expect(ids.sorted() == ["T-1", "T-2", "T-4", "T-5"])
            }
            let auditor = try await services.ledger.store.createKey(role: .auditor, organization: nil)
            try await client.execute(uri: "/v1/stations", method: .get, headers: bearer(auditor.secret)) { response in
                let value = try jsonArray(response)
                #expect(value.count == 5)
            }
            try await client.execute(uri: "/v1/stations/T-3", method: .get) { response in
                try expectError(response, status: .notFound, code: "not_found")
            }
        }
    }

    @Test func listFiltersByBoundingBoxAmenityAndDistrictAndSpeaksGeoJSON() async throws {
        try await withTestApp { client, _ in
            try await client.execute(uri: "/v1/stations?bbox=116.4015,39.89,116.41,39.91", method: .get) { response in
                let value = try jsonArray(response)
                #expect(value.compactMap { $0["id"] as? String }.sorted() == ["T-2", "T-4"])
            }
            try await client.execute(uri: "/v1/stations?amenities=phone_charging", method: .get) { response in
                let value = try jsonArray(response)
                #expect(value.compactMap { $0["id"] as? String } == ["T-4"])
            }
            try await client.execute(uri: "/v1/stations?district=Haidian", method: .get) { response in
                let value = try jsonArray(response)
                #expect(value.isEmpty)
            }
            var accept = HTTPFields()
            accept[.accept] = "application/geo+json"
            try await client.execute(uri: "/v1/stations?bbox=116.4,39.8,116.5,40", method: .get, headers: accept) { response in
                #expect(response.headers[.contentType]?.hasPrefix("application/geo+json") == true)
                let body = try json(response)
                #expect(body["type"] as? String == "FeatureCollection")
                #expect((body["features"] as? [Any])?.count == 4)
            }
            try await client.execute(uri: "/v1/stations?bbox=1,2,3", method: .get) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "bbox")
            }
        }
    }

    @Test func writesNeedAnEditorKey() async throws {
        try await withTestApp { client, services in
            let body = ByteBuffer(string: Self.newStation)
            try await client.execute(uri: "/v1/stations", method: .post, body: body) { response in
                try expectError(response, status: .unauthorized, code: "unauthorized")
            }
            try await client.execute(uri: "/v1/stations", method: .post, headers: bearer("sf_not-a-key"), body: body) { response in
                try expectError(response, status: .unauthorized, code: "unauthorized")
            }
            let member = try await services.ledger.store.createKey(role: .member, organization: "Acme Couriers")
            try await client.execute(uri: "/v1/stations", method: .post, headers: bearer(member.secret), body: body) { response in
                try expectError(response, status: .forbidden, code: "forbidden")
            }
            #expect(try await services.ledger.store.station(id: "T-9") == nil)
        }
    }

    @Test func editorCreatesChangesAndDeletesAndTheIndexFollowsWithoutRestart() async throws {
        try await withTestApp { client, services in
            let editor = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let auth = bearer(editor.secret, contentType: "application/json")
            try await client.execute(uri: "/v1/stations", method: .post, headers: auth, body: ByteBuffer(string: Self.newStation)) { response in
                #expect(response.status == .created)
                let value = try json(response)
                #expect(value["district"] as? String == "110101")  // derived from the point
            }
            try await client.execute(uri: "/v1/stations", method: .post, headers: auth, body: ByteBuffer(string: Self.newStation)) { response in
                try expectError(response, status: .conflict, code: "conflict")
            }
            try await client.execute(uri: "/v1/stations/nearest?lon=116.405&lat=39.90&at=2026-11-23T10:00&limit=1", method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                #expect(results.first?["id"] as? String == "T-9")
            }
            let changed = Self.newStation.replacingOccurrences(of: "New kiosk", with: "Renamed kiosk")
            try await client.execute(uri: "/v1/stations/T-9", method: .put, headers: auth, body: ByteBuffer(string: changed)) { response in
                #expect(response.status == .ok)
                let value = try json(response)
                #expect(value["name"] as? String == "Renamed kiosk")
            }
            try await client.execute(uri: "/v1/stations/T-1", method: .put, headers: auth, body: ByteBuffer(string: changed)) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "id")
            }
            try await client.execute(uri: "/v1/stations/T-9", method: .delete, headers: auth) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/v1/stations/T-9", method: .delete, headers: auth) { response in
                try expectError(response, status: .notFound, code: "not_found")
            }
            try await client.execute(uri: "/v1/stations/nearest?lon=116.405&lat=39.90&at=2026-11-23T10:00&limit=1", method: .get) { response in
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                // T-4 (116.404) is a night shop, closed at 10:00; the office T-2 (116.402) is next.
                #expect(results.first?["id"] as? String == "T-2")
            }
            // The history keeps insert, update and delete, with the key as actor.
            let auditor = try await services.ledger.store.createKey(role: .auditor, organization: nil)
            try await client.execute(uri: "/v1/stations/T-9/history", method: .get, headers: bearer(auditor.secret)) { response in
                let actions = try jsonArray(response).compactMap { $0["action"] as? String }
                #expect(actions == ["insert", "update", "delete"])
            }
            try await client.execute(uri: "/v1/stations/T-9/history", method: .get) { response in
                try expectError(response, status: .unauthorized, code: "unauthorized")
            }
            let member = try await services.ledger.store.createKey(role: .member, organization: "Acme Couriers")
            try await client.execute(uri: "/v1/stations/T-9/history", method: .get, headers: bearer(member.secret)) { response in
                try expectError(response, status: .forbidden, code: "forbidden")
            }
        }
    }

    @Test func invalidStationIsRefusedWithTheImportersReasons() async throws {
        try await withTestApp { client, services in
            let editor = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let bad = Self.newStation.replacingOccurrences(of: "Mo-Su 07:00-19:00", with: "Mo-Su 25:00-26:99")
            try await client.execute(uri: "/v1/stations", method: .post, headers: bearer(editor.secret), body: ByteBuffer(string: bad)) { response in
                let error = try errorObject(response, status: .unprocessableContent, code: "invalid_ledger")
                #expect((error["details"] as? [String])?.first?.contains("opening_hours") == true)
            }
            let outside = Self.newStation.replacingOccurrences(of: "116.405", with: "121.47").replacingOccurrences(of: "39.90", with: "31.23")
            try await client.execute(uri: "/v1/stations", method: .post, headers: bearer(editor.secret), body: ByteBuffer(string: outside)) { response in
                try expectError(response, status: .unprocessableContent, code: "invalid_ledger")
            }
            try await client.execute(uri: "/v1/stations", method: .post, headers: bearer(editor.secret), body: ByteBuffer(string: "not json")) { response in
                try expectError(response, status: .badRequest, code: "invalid_parameter", field: "body")
            }
            let huge = ByteBuffer(string: String(repeating: " ", count: 70_000) + Self.newStation)
            try await client.execute(uri: "/v1/stations", method: .post, headers: bearer(editor.secret), body: huge) { response in
                try expectError(response, status: .contentTooLarge, code: "payload_too_large")
            }
            #expect(try await services.ledger.store.station(id: "T-9") == nil)
        }
    }

    @Test func importIsAllOrNothing() async throws {
        try await withTestApp { client, services in
            let editor = try await services.ledger.store.createKey(role: .editor, organization: nil)
            let good = """
                id,name,lon,lat,grade,host_type,opening_hours,amenities
                I-1,Imported one,116.41,39.91,A,bank,Mo-Fr 09:00-17:00,drinking_water
                I-2,Imported two,116.42,39.91,B,shop,24/7,seating

                """
            try await client.execute(uri: "/v1/stations/import", method: .post,
                                     headers: bearer(editor.secret, contentType: "text/csv"), body: ByteBuffer(string: good)) { response in
                #expect(response.status == .ok)
                let value = try json(response)
                #expect(value["inserted"] as? Int == 2)
            }
            let bad = good.replacingOccurrences(of: "I-1,", with: "I-3,").replacingOccurrences(of: ",B,shop", with: ",Z,shop")
            let before = try await services.ledger.store.allStations()
            try await client.execute(uri: "/v1/stations/import", method: .post,
                                     headers: bearer(editor.secret, contentType: "text/csv"), body: ByteBuffer(string: bad)) { response in
                let error = try errorObject(response, status: .unprocessableContent, code: "invalid_ledger")
                #expect((error["message"] as? String)?.contains("line 3") == true)
            }
            #expect(try await services.ledger.store.allStations() == before)
            try await client.execute(uri: "/v1/stations/import", method: .post,
                                     headers: bearer(editor.secret, contentType: "image/png"), body: ByteBuffer(string: good)) { response in
                try expectError(response, status: .unsupportedMediaType, code: "unsupported_media_type")
            }
        }
    }
}
