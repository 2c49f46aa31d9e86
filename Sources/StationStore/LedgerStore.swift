import Foundation
import StationCore
import StationGeometry

/// Where the ledger is kept, whatever the engine: what the application layer, the server and the CLI
/// ask of it. ``StationDatabase`` (SQLite) is the implementation today; a PostgreSQL one can follow
/// by conforming and sharing ``StationDatabase/checkLedger(inputs:crs:districts:)`` for reading files.
///
/// The rules every implementation keeps: each write is one transaction (an import is all or
/// nothing), every station change appends history, and ``ledgerVersion()`` grows with each
/// committed change, so a reader can tell cheaply whether its in-memory copy is current.
public protocol LedgerStore: Sendable {
    /// Where the ledger lives, for messages (a file path, a database URL without its password).
    var location: String { get }

    // MARK: Districts (loaded by `setup`)

    /// All stored districts, by adcode.
    func districts() async throws -> [DistrictRecord]
    /// Upserts districts by adcode; returns how many were stored.
    func store(districts: [DistrictRecord]) async throws -> Int

    // MARK: Stations and their history

    /// The version now: the sequence number of the latest history entry (0 for a new ledger).
    func ledgerVersion() async throws -> Int64
    /// Every station (by id) and the version they are at, read in one transaction.
    func versionedStations() async throws -> (stations: [Station], version: Int64)
    func station(id: String) async throws -> Station?
    /// Stations of one district (adcode), or all when nil, by id.
    func stations(district: String?) async throws -> [Station]
    func upsert(_ station: Station, actor: String) async throws
    func delete(id: String, actor: String) async throws
    func history(stationID: String) async throws -> [StationChange]

    // MARK: Imports

    /// Reads and validates `files` (CSV or GeoJSON) against the stored districts; writes nothing.
    func checkLedger(files: [URL], crs: CoordinateSystem) async throws -> [Station]
    /// Every stored station by id: what an import plan compares against.
    func storedStationsByID() async throws -> [String: Station]
    /// Writes validated stations in one transaction under `request`'s safety rules.
    func write(_ stations: [Station], request: ImportRequest) async throws -> ImportSummary

    // MARK: API keys (stored hashed)

    func createKey(role: KeyRole, organization: String?) async throws -> (id: String, secret: String)
    func revokeKey(id: String) async throws
    func verifyKey(_ secret: String) async throws -> APIKey?
    func listKeys() async throws -> [APIKey]

    // MARK: Field reports

    func addReport(_ report: NewReport, receivedAtEpochSeconds: Int64) async throws -> FieldReport
    func reports(sinceEpochSeconds: Int64?, district: String?, kind: ReportKind?, status: ReportStatus?) async throws -> [FieldReport]
    func report(id: Int64) async throws -> FieldReport?
    func resolveReport(id: Int64, actor: String, atEpochSeconds: Int64) async throws -> FieldReport
    func reportSummary(stationID: String, nowEpochSeconds: Int64) async throws -> ReportSummary
    func closedReportTally(nowEpochSeconds: Int64) async throws -> ClosedReportTally
}

/// What every engine derives the same way from the requirements above.
extension LedgerStore {
    public func allStations() async throws -> [Station] {
        try await stations(district: nil)
    }

    /// A point-in-district locator built from the stored outlines.
    /// - Throws: ``StoreError/noDistricts`` when `setup` has not loaded any.
    public func districtMap() async throws -> DistrictMap {
        let records = try await districts()
        guard !records.isEmpty else { throw StoreError.noDistricts }
        return try DistrictMap(geoJSON: Data(StationDatabase.featureCollection(records).utf8), source: "districts table")
    }

    /// The stored districts as one GeoJSON FeatureCollection text.
    public func districtsGeoJSON() async throws -> String {
        StationDatabase.featureCollection(try await districts())
    }

    /// The stored districts' names, by adcode.
    public func districtNames() async throws -> [DistrictName] {
        try await districts().map(\.districtName)
    }

    /// Loads `districts.geojson` and, when present, `district-population.csv` from `directory`.
    /// Idempotent: districts are upserted by adcode, so it can run again after a data update.
    /// - Returns: the number of districts stored.
    @discardableResult
    public func loadGeodata(directory: URL) async throws -> Int {
        try await store(districts: try StationDatabase.geodataRecords(directory: directory))
    }

    /// Census population by district adcode (districts without a figure are left out).
    public func population() async throws -> [String: Int] {
        Dictionary(try await districts().compactMap { r in r.population.map { (r.adcode, $0) } },
                   uniquingKeysWith: { first, _ in first })
    }

    /// Imports ledger files under `request`'s safety rules (see ``StationDatabase/importLedger(files:request:)``).
    public func importLedger(files: [URL], request: ImportRequest) async throws -> ImportSummary {
        try await write(try await checkLedger(files: files, crs: request.crs), request: request)
    }

    /// Imports ledger files with no confirmation asked (the sample ledger `setup --sample` loads).
    public func importLedger(files: [URL], crs: CoordinateSystem, replace: Bool, actor: String) async throws -> ImportSummary {
        try await importLedger(files: files, request: ImportRequest(
            replace: replace, crs: crs, actor: actor, source: StationDatabase.sourceName(files), confirmed: true))
    }

    /// Imports one ledger held in memory under `request`'s safety rules; its source names it.
    public func importLedger(data: Data, format: LedgerFormat, request: ImportRequest) async throws -> ImportSummary {
        let stations = try StationDatabase.checkLedger(inputs: [(request.source, [UInt8](data), format)], crs: request.crs,
                                                       districts: try await districtMap())
        return try await write(stations, request: request)
    }

    /// What importing `files` would change, without writing (`validate --diff`, `import --dry-run`).
    public func planImport(files: [URL], crs: CoordinateSystem, replace: Bool) async throws -> ImportPlan {
        let stations = try await checkLedger(files: files, crs: crs)
        return ImportPlan(incoming: stations, existing: try await storedStationsByID(), replace: replace)
    }

    /// What importing one in-memory ledger would change, without writing (`dry_run=true`).
    public func planImport(data: Data, format: LedgerFormat, sourceName: String, crs: CoordinateSystem,
                           replace: Bool) async throws -> ImportPlan {
        let stations = try StationDatabase.checkLedger(inputs: [(sourceName, [UInt8](data), format)], crs: crs,
                                                       districts: try await districtMap())
        return ImportPlan(incoming: stations, existing: try await storedStationsByID(), replace: replace)
    }
}

extension StationDatabase: LedgerStore {}
