import Foundation
import Hummingbird
import StationApp
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
        router.add(.districts, use: districts)
        router.add(.coverage, use: coverage)
        router.add(.gaps, use: gaps)
        router.add(.profile, use: profile)
        router.add(.export, use: export)
    }

    struct DistrictJSON: Encodable {
        var adcode: String
        var name: String
        var pinyin: String
        var population: Int?
        var area_km2: Double
    }

    @Sendable func districts(_ request: Request, context: StationRequestContext) async throws -> Response {
        if try QueryReader(request).wantsGeoJSON(request) { return try await districtOutlines() }
        let rows = try ledger.geography.districtMap.shapes.map { shape in
            DistrictJSON(adcode: shape.name.adcode, name: shape.name.name, pinyin: shape.name.pinyin,
                         population: ledger.geography.population[shape.name.adcode],
                         area_km2: (try shape.areaKm2() * 100).rounded() / 100)
        }
        return Response.json(try JSONEncoder.sorted.encode(rows))
    }

    @Sendable func coverage(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        var asked = try q.coverageOptions(context: context)
        asked.minStations = try q.int("min_stations") ?? 1
        do { try asked.validate() } catch { throw APIError.invalid(error.field, error.description) }
        let options = asked
        let shapes = try q.districts(in: snapshot)
        let geoJSON = try q.wantsGeoJSON(request)
        let memo = self.memo
        let report = try await offload {
            CoverageReport(rows: try memo.coverage(of: shapes ?? snapshot.coverage.districts, options: options, in: snapshot),
                           options: options, allDistricts: shapes == nil)
        }
        if geoJSON {
            let text = try LedgerGeoJSON.coverage(report, shapes: shapes ?? snapshot.coverage.districts)
            return Response.json(Data(text.utf8), contentType: "application/geo+json")
        }
        return Response.json(try JSONEncoder.sorted.encode(report.jsonRows))
    }

    @Sendable func gaps(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        let shape = try QueryReader.shape(named: try q.required("district"), in: snapshot)
        let options = GapOptions(
            coverage: try q.coverageOptions(context: context),
            cellMetres: try q.double("cell") ?? GapOptions.defaultCellMetres,
            top: try q.int("top") ?? 20)
        do { try options.validate() } catch { throw APIError.invalid(error.field, error.description) }
        let result = try await offload { try snapshot.coverage.gaps(in: shape, options: options) }
        return Response.json(Data(try LedgerGeoJSON.gapCells(result, options: options.coverage).utf8),
                             contentType: "application/geo+json")
    }

    @Sendable func profile(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        let shape = try QueryReader.shape(named: try q.required("district"), in: snapshot)
        let options = try q.coverageOptions(context: context, readsTime: false)
        let week = try QueryInput.day(q.string("date"), nowEpochSeconds: ServiceClock.system.nowEpochSeconds())
        let result = try await offload {
            try snapshot.coverage.weekProfile(of: shape, weekContaining: week, options: options)
        }
        return Response.json(try JSONEncoder.sorted.encode(result))
    }

    @Sendable func export(_ request: Request, context: StationRequestContext) async throws -> Response {
        let q = QueryReader(request)
        let snapshot = ledger.snapshot
        let options = GapOptions(coverage: try q.coverageOptions(context: context),
                                 cellMetres: try q.double("cell") ?? GapOptions.defaultCellMetres,
                                 top: try q.int("top") ?? 20)
        do { try options.validate() } catch { throw APIError.invalid(error.field, error.description) }
        let shapes = try q.districts(in: snapshot)
        let text = try await offload {
            try snapshot.coverage.coverageMapGeoJSON(of: shapes, options: options, ledger: snapshot.catalog.stations)
        }
        return Response.json(Data(text.utf8), contentType: "application/geo+json")
    }

    // MARK: parameters
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
        case .invalidMinStations: "min_stations"
        case .unknownDistrict: "district"
        case .geos: "district"
        }
    }
}
