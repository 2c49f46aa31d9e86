import Foundation
import Hummingbird
import StationCore
import StationGeometry

/// `/v1/districts`, `/v1/coverage`, `/v1/gaps`, `/v1/profile` and `/v1/export/coverage.geojson`:
/// the planners' and auditors' questions, answered from the current ledger snapshot.
struct CoverageController: Sendable {
    let ledger: LedgerService
    /// The district outlines' GeoJSON, made on first use (the districts never change while serving).
    let outlines = OnceComputed<String>()
    /// Districts' coverage kept per set of open stations around them (hour changes on the map).
    let memo = CoverageMemo()

    func addRoutes(to router: Router<StationRequestContext>) {
        router.get("/v1/districts", use: districts)
        router.get("/v1/coverage", use: coverage)
        router.get("/v1/gaps", use: gaps)
        router.get("/v1/profile", use: profile)
        router.get("/v1/export/coverage.geojson", use: export)
    }

    struct DistrictJSON: Encodable {
        var adcode: String
        var name: String
        var pinyin: String
        var population: Int?
        var area_km2: Double
    }

    @Sendable func districts(_ request: Request, context: StationRequestContext) async throws -> Response {
        if QueryReader(request).string("format") == "geojson" { return try await districtOutlines() }
        let rows = try ledger.districtMap.shapes.map { shape in
            DistrictJSON(adcode: shape.name.adcode, name: shape.name.name, pinyin: shape.name.pinyin,
                         population: ledger.population[shape.name.adcode],
                         area_km2: (try shape.areaKm2() * 100).rounded() / 100)
        }
        return Response.json(try JSONEncoder.sorted.encode(rows))
    }

    @Sendable func coverage(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        let options = try coverageOptions(q, context: context)
        let shapes = try q.string("district").map { [try shape(named: $0, in: snapshot)] }
        let memo = self.memo
        let rows = try await offload { try memo.coverage(of: shapes ?? snapshot.coverage.districts, options: options, in: snapshot) }
        return Response.json(try JSONEncoder.sorted.encode(rows))
    }

    @Sendable func gaps(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        let shape = try shape(named: try q.required("district"), in: snapshot)
        let options = GapOptions(
            coverage: try coverageOptions(q, context: context),
            cellMetres: try q.double("cell") ?? GapOptions.defaultCellMetres,
            top: try q.int("top") ?? 20)
        do { try options.validate() } catch { throw APIError.invalid(error.field, error.description) }
        let result = try await offload { try snapshot.coverage.gaps(in: shape, options: options) }
        return Response.json(Data(try LedgerGeoJSON.gapCells(result).utf8), contentType: "application/geo+json")
    }

    @Sendable func profile(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        let shape = try shape(named: try q.required("district"), in: snapshot)
        var hourly = try coverageOptions(q, context: context)
        hourly.time = .ignoringHours
        let options = hourly
        let week = try q.string("date").map { text -> Int64 in
            guard let day = LocalDateTime(iso: text + "T12:00") else {
                throw APIError.invalid("date", "date must be YYYY-MM-DD, got '\(text)'")
            }
            return HoursTimeZone.shanghai.epochSeconds(day)
        } ?? Int64(Date().timeIntervalSince1970)
        let result = try await offload {
            try snapshot.coverage.weekProfile(of: shape, weekContaining: week, options: options)
        }
        return Response.json(try JSONEncoder.sorted.encode(result))
    }

    @Sendable func export(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        let options = GapOptions(coverage: try coverageOptions(q, context: context),
                                 cellMetres: try q.double("cell") ?? GapOptions.defaultCellMetres,
                                 top: try q.int("top") ?? 20)
        do { try options.validate() } catch { throw APIError.invalid(error.field, error.description) }
        let shapes = try q.string("district").map { [try shape(named: $0, in: snapshot)] }
        let text = try await offload {
            try snapshot.coverage.coverageMapGeoJSON(of: shapes, options: options, ledger: snapshot.catalog.stations)
        }
        return Response.json(Data(text.utf8), contentType: "application/geo+json")
    }

    // MARK: parameters

    /// radius, at | any_time and include_members_only, checked; members-only stations only for
    /// auditors and editors.
    func coverageOptions(_ q: QueryReader, context: StationRequestContext) throws -> CoverageOptions {
        let time = try q.coverageTime()
        let membersOnly = try q.bool("include_members_only")
        if membersOnly { try context.caller.require(.auditor, .editor, to: "including members-only stations") }
        let options = CoverageOptions(
            radiusMetres: try q.double("radius") ?? CoverageOptions.defaultRadiusMetres, time: time,
            includeMembersOnly: membersOnly)
        do { try options.validate() } catch { throw APIError.invalid(error.field, error.description) }
        return options
    }

    func shape(named name: String, in snapshot: LedgerSnapshot) throws -> DistrictShape {
        do {
            return try snapshot.coverage.district(matching: name)
        } catch {
            throw APIError(.notFound, code: "not_found", message: error.description, field: "district")
        }
    }
}

/// Runs CPU-heavy geometry off the server's event loops.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}

extension CoverageError {
    /// The query parameter at fault.
    var field: String {
        switch self {
        case .invalidRadius: "radius"
        case .invalidCellSize: "cell"
        case .unknownDistrict: "district"
        case .geos: "district"
        }
    }
}
