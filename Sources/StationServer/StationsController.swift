import Foundation
import Hummingbird
import StationCore
import StationWire
import StationGeometry
import StationStore

/// `/v1/stations...`: nearest, listing, one station, ledger writes, import and history.
struct StationsController: Sendable {
    let ledger: LedgerService
    let reports: FieldReportService

    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.nearest, use: nearest)
        router.add(.listStations, use: list)
        router.add(.createStation, use: create)
        router.add(.importStations, use: importLedger)
        router.add(.showStation, use: show)
        router.add(.replaceStation, use: replace)
        router.add(.deleteStation, use: remove)
        router.add(.stationHistory, use: history)
    }

    // MARK: reads

    @Sendable func nearest(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let query = NearestQuery(
            point: LonLat(lon: try q.requiredDouble("lon"), lat: try q.requiredDouble("lat")),
            crs: try q.choice("crs", as: CoordinateSystem.self) ?? .wgs84,
            atEpochSeconds: try q.epochSeconds("at"),
            limit: try q.int("limit") ?? 5,
            maxDistanceMetres: try q.double("max_distance"),
            requiredAmenities: try q.amenities(),
            grades: try q.grades(),
            memberOrganization: try memberOrganization(q.string("member"), caller: context.caller),
            mode: try q.choice("mode", as: TravelMode.self) ?? .walk,
            openPolicy: try q.choice("open", as: OpenPolicy.self) ?? .arrival,
            minOpenMinutes: try q.int("min_open_minutes") ?? 10)
        let compact = try q.bool("compact")
        var answer: NearestAnswer
        do {
            answer = try ledger.snapshot.catalog.nearest(query)
        } catch {
            throw APIError.invalid(error.field, error.description)
        }
        reports.closedReports.annotate(&answer, nowEpochSeconds: reports.clock.nowEpochSeconds())
        return answer.withJSONBytes(compact: compact) { Response.json(ByteBuffer(bytes: $0)) }
    }

    /// The organization whose C stations a nearest query may return: a member key's own (also
    /// when `member` is left out); editors and auditors may ask for any; anonymous callers none.
    func memberOrganization(_ asked: String?, caller: Caller) throws -> String? {
        switch caller {
        case .anonymous:
            guard asked == nil else {
                throw APIError(.unauthorized, code: "unauthorized",
                               message: "members-only stations need a member key of that organization")
            }
            return nil
        case .key(_, .member, let own):
            if let asked, asked != own {
                throw APIError(.forbidden, code: "forbidden", message: "this member key belongs to another organization")
            }
            return own
        case .key:
            return asked
        }
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
        guard let station = try ledger.database.station(id: id), context.caller.canSee(station) else {
            throw APIError.notFound("no station with id '\(id)'")
        }
        let summary = try reports.database.reportSummary(stationID: id, nowEpochSeconds: reports.clock.nowEpochSeconds())
        return Response.json(try JSONEncoder.sorted.encode(StationWithReports(station: station, reports: summary)))
    }

    @Sendable func history(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.auditor, .editor, to: "reading a station's history")
        let id = try context.parameters.require("id")
        let changes = try ledger.database.history(stationID: id)
        guard !changes.isEmpty else { throw APIError.notFound("no history for station id '\(id)'") }
        return Response.json(try JSONEncoder.sorted.encode(changes))
    }

    // MARK: writes

    @Sendable func create(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.editor, to: "creating a station")
        let feature = try await StationBody.feature(from: request, context: context, pathID: nil)
        if try ledger.database.station(id: feature.id) != nil {
            throw APIError(.conflict, code: "conflict", message: "a station with id '\(feature.id)' exists; use PUT to change it")
        }
        let stored = try store(feature, context: context)
        return Response.json(try JSONEncoder.sorted.encode(stored), status: .created)
    }

    @Sendable func replace(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.editor, to: "changing a station")
        let id = try context.parameters.require("id")
        let feature = try await StationBody.feature(from: request, context: context, pathID: id)
        return Response.json(try JSONEncoder.sorted.encode(try store(feature, context: context)))
    }

    /// Validates one station exactly as an import does (hours, district from the point, grade C
    /// organization...) and upserts it.
    private func store(_ feature: StationBody.Feature, context: StationRequestContext) throws -> Station {
        let actor = context.caller.actorName
        do {
            _ = try ledger.write { db in
                try db.importLedger(data: feature.geoJSON, format: .geojson, sourceName: "request body",
                                    crs: feature.crs, replace: false, actor: actor)
            }
        } catch let error as LedgerImportError {
            throw APIError.invalidLedger(error)
        }
        guard let stored = try ledger.database.station(id: feature.id) else {
            throw APIError(.internalServerError, code: "internal", message: "station vanished after writing")
        }
        return stored
    }

    @Sendable func remove(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.editor, to: "deleting a station")
        let id = try context.parameters.require("id")
        do {
            try ledger.write { db in try db.delete(id: id, actor: context.caller.actorName) }
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
                let plan = try ledger.database.planImport(data: data, format: format, sourceName: "request body",
                                                          crs: crs, replace: replace)
                return Response.json(try JSONEncoder.sorted.encode(plan))
            }
            let importRequest = ImportRequest(replace: replace, crs: crs, actor: context.caller.actorName,
                                              source: "request body", confirmed: try q.bool("confirm"))
            let summary = try ledger.write { db in try db.importLedger(data: data, format: format, request: importRequest) }
            return Response.json(try JSONEncoder.sorted.encode(summary))
        } catch let error as LedgerImportError {
            throw APIError.invalidLedger(error)
        } catch let error as ImportRefusal {
            throw APIError(.conflict, code: "confirmation_required", message: error.description, field: "confirm")
        }
    }
}


extension NearestQueryError {
    /// The query parameter at fault.
    var field: String {
        switch self {
        case .pointNotFinite, .pointOutOfRange, .coordinateSystem: "lon"
        case .limitOutOfRange: "limit"
        case .maxDistanceInvalid: "max_distance"
        case .minOpenMinutesOutOfRange: "min_open_minutes"
        case .timeOutOfRange: "at"
        case .emptyMemberOrganization: "member"
        }
    }
}

extension APIError {
    /// A 422 listing each problem of a refused ledger (file, line or feature, column, reason).
    static func invalidLedger(_ error: LedgerImportError) -> APIError {
        let first = error.issues.first?.description ?? "the ledger is invalid"
        let more = error.totalCount > 1 ? " (and \(error.totalCount - 1) more, each in details)" : ""
        var e = APIError(.unprocessableContent, code: "invalid_ledger",
                         message: "\(first)\(more); the ledger was refused as a whole", field: "body")
        e.details = error.issues.map(\.description)
        return e
    }
}

extension JSONEncoder {
    /// Stable key order, so answers diff cleanly.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}

extension Caller {
    /// Whether this caller may see a station at all (members-only stations are hidden from others).
    func canSee(_ station: Station) -> Bool {
        station.grade.isPublic || seesAllStations || station.admits(memberOrganization: memberOrganization)
    }

    /// The name written to the ledger history for this caller's writes.
    var actorName: String {
        if case .key(let id, let role, _) = self { return "api:\(role.rawValue):\(id)" }
        return "api:anonymous"
    }
}
