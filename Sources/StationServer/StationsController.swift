import Foundation
import Hummingbird
import StationApp
import StationCore
import StationWire
import StationGeometry
import StationStore

/// `/v1/stations`, `/v1/stations/{id}` and its history: the ledger as auditors and apps read it.
struct StationsController: Sendable {
    let ledger: LedgerService
    let reports: FieldReportService

    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.listStations, use: list)
        router.add(.showStation, use: show)
        router.add(.stationHistory, use: history)
    }

    @Sendable func list(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let box = try q.string("bbox").map { try BoundingBox(parameter: $0) }
        let snapshot = ledger.snapshot
        let district = try q.string("district").map { name in
            guard let d = snapshot.coverage.districts.first(where: { $0.name.matches(name) }) else {
                throw APIError.invalid("district", "unknown district '\(name)'")
            }
            return d.name.adcode
        }
        let required = try q.amenities()
        let listed = snapshot.catalog.stations.indices.filter { i in
            let s = snapshot.catalog.stations[i]
            return context.caller.canSee(s) && (district == nil || s.district == district)
                && (box?.contains(s.location) ?? true) && s.amenities.isSuperset(of: required)
        }
        if q.string("format") == "compact" { return try compactLayer(listed, query: q, snapshot: snapshot) }
        for name in ["at", "any_time"] where q.string(name) != nil {
            throw APIError.invalid(name, "'\(name)' draws open and closed stations in the compact layer: use it with format=compact")
        }
        let stations = listed.map { snapshot.catalog.stations[$0] }
        if try q.wantsGeoJSON(request) {
            return Response.json(Data(LedgerGeoJSON.stations(stations).utf8), contentType: "application/geo+json")
        }
        return Response.json(try JSONEncoder.sorted.encode(stations))
    }

    @Sendable func show(_ request: Request, context: StationRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let station = try await ledger.store.station(id: id), context.caller.canSee(station) else {
            throw APIError.notFound("no station with id '\(id)'")
        }
        let summary = try await reports.store.reportSummary(stationID: id, nowEpochSeconds: reports.clock.nowEpochSeconds())
        return Response.json(try JSONEncoder.sorted.encode(StationWithReports(station: station, reports: summary)))
    }

    @Sendable func history(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.auditor, .editor, to: "reading a station's history")
        let id = try context.parameters.require("id")
        let changes = try await ledger.store.history(stationID: id)
        guard !changes.isEmpty else { throw APIError.notFound("no history for station id '\(id)'") }
        return Response.json(try JSONEncoder.sorted.encode(changes))
    }
}
