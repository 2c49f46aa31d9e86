import Foundation
import Hummingbird
import StationApp
import StationCore
import StationGeometry
import StationStore

/// Editors' writes to the ledger: create, replace and delete one station, import a whole file.
/// Each goes to the store first; the ledger service then swaps in a snapshot that holds it.
struct StationWritesController: Sendable {
    let ledger: LedgerService

    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.createStation, use: create)
        router.add(.importStations, use: importLedger)
        router.add(.replaceStation, use: replace)
        router.add(.deleteStation, use: remove)
    }

    @Sendable func create(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.editor, to: "creating a station")
        let feature = try await StationBody.feature(from: request, context: context, pathID: nil)
        if try await ledger.store.station(id: feature.id) != nil {
            throw APIError(.conflict, code: "conflict", message: "a station with id '\(feature.id)' exists; use PUT to change it")
        }
        let stored = try await store(feature, context: context)
        return Response.json(try JSONEncoder.sorted.encode(stored), status: .created)
    }

    @Sendable func replace(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.editor, to: "changing a station")
        let id = try context.parameters.require("id")
        let feature = try await StationBody.feature(from: request, context: context, pathID: id)
        return Response.json(try JSONEncoder.sorted.encode(try await store(feature, context: context)))
    }

    /// Validates one station exactly as an import does (hours, district from the point, grade C
    /// organization...) and upserts it.
    private func store(_ feature: StationBody.Feature, context: StationRequestContext) async throws -> Station {
        let actor = context.caller.actorName
        do {
            _ = try await ledger.write { store in
                try await store.importLedger(data: feature.geoJSON, format: .geojson, request: ImportRequest(
                    replace: false, crs: feature.crs, actor: actor, source: "request body", confirmed: true))
            }
        } catch let error as LedgerImportError {
            throw APIError.invalidLedger(error)
        }
        guard let stored = try await ledger.store.station(id: feature.id) else {
            throw APIError(.internalServerError, code: "internal", message: "station vanished after writing")
        }
        return stored
    }

    @Sendable func remove(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.editor, to: "deleting a station")
        let id = try context.parameters.require("id")
        do {
            try await ledger.write { store in try await store.delete(id: id, actor: context.caller.actorName) }
        } catch StoreError.unknownStation {
            throw APIError.notFound("no station with id '\(id)'")
        }
        return Response(status: .noContent)
    }

    @Sendable func importLedger(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.editor, to: "importing a ledger")
        let q = QueryReader(request)
        let crs = try q.choice("crs", as: CoordinateSystem.self) ?? .wgs84
        let replace = try q.bool("replace")
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let format: LedgerFormat
        if let asked = try q.choice("format", as: LedgerFormat.self) {
            format = asked
        } else if contentType.contains("json") {
            format = .geojson
        } else if contentType.contains("csv") || contentType.contains("text/plain") {
            format = .csv
        } else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           message: "send a CSV (Content-Type: text/csv) or GeoJSON (application/geo+json) ledger, or set format=csv|geojson",
                           field: "Content-Type")
        }
        let body = try await request.body.collect(upTo: APILimits.maxImportBytes)
        let data = Data(buffer: body)
        do {
            if try q.bool("dry_run") {
                let plan = try await ledger.store.planImport(data: data, format: format, sourceName: "request body",
                                                          crs: crs, replace: replace)
                return Response.json(try JSONEncoder.sorted.encode(plan))
            }
            let importRequest = ImportRequest(replace: replace, crs: crs, actor: context.caller.actorName,
                                              source: "request body", confirmed: try q.bool("confirm"))
            let summary = try await ledger.write { store in try await store.importLedger(data: data, format: format, request: importRequest) }
            return Response.json(try JSONEncoder.sorted.encode(summary))
        } catch let error as LedgerImportError {
            throw APIError.invalidLedger(error)
        } catch let error as ImportRefusal {
            throw APIError(.conflict, code: "confirmation_required", message: error.description, field: "confirm")
        }
    }
}
