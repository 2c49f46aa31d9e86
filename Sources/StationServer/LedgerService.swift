import Foundation
import StationCore
import StationGeometry
import StationStore
import Synchronization

/// The server's view of the ledger: the SQLite store plus an immutable in-memory snapshot
/// (stations, compiled hours, the nearest-station index and the coverage inputs) built from it.
///
/// Every write goes to the database first, then a new snapshot is built and swapped in whole
/// under a lock, so a reader sees either the old ledger or the new one, never half a change.
/// Writes are serialised so snapshots are swapped in the order their writes committed.
public final class LedgerService: Sendable {
    public let database: StationDatabase
    /// District shapes and census population, loaded once (they change only with `setup`).
    public let districtMap: DistrictMap
    public let population: [String: Int]
    /// The demand layer coverage, gaps, profile and recommend use (nil: spread evenly in each district).
    public let demand: DemandLayer?
    private let current: Mutex<LedgerSnapshot>
    private let writeLock = Mutex<Void>(())

    public init(database: StationDatabase, demand: DemandLayer? = nil) throws {
        self.database = database
        self.demand = demand
        let records = try database.districts()
        districtMap = try DistrictMap(geoJSON: Data(try database.districtsGeoJSON().utf8), source: "database districts")
        population = Dictionary(records.compactMap { r in r.population.map { (r.adcode, $0) } }, uniquingKeysWith: { a, _ in a })
        let (stations, version) = try database.versionedStations()
        current = Mutex(LedgerSnapshot(stations: stations, ledgerVersion: version, districtMap: districtMap,
                                       population: population, demand: demand))
    }

    /// The snapshot in force now. Keep it for the whole request for a consistent view.
    public var snapshot: LedgerSnapshot { current.withLock { $0 } }

    /// Runs a write against the database, then rebuilds and swaps the snapshot.
    public func write<T>(_ body: (StationDatabase) throws -> T) throws -> T {
        try writeLock.withLock { _ in
            let result = try body(database)
            try rebuild()
            return result
        }
    }

    /// Swaps in a fresh snapshot when the ledger changed since the current one was built (another
    /// process imported, or another replica wrote); true when it did. Cheap when nothing changed:
    /// one indexed lookup of the ledger version.
    @discardableResult
    public func refreshIfStale() throws -> Bool {
        guard try database.ledgerVersion() != snapshot.ledgerVersion else { return false }
        return try writeLock.withLock { _ in
            guard try database.ledgerVersion() != snapshot.ledgerVersion else { return false }
            try rebuild()
            return true
        }
    }

    /// Builds a snapshot from the database and swaps it in; the caller holds the write lock.
    private func rebuild() throws {
        let (stations, version) = try database.versionedStations()
        let rebuilt = LedgerSnapshot(stations: stations, ledgerVersion: version, districtMap: districtMap,
                                     population: population, demand: demand)
        current.withLock { $0 = rebuilt }
    }
}

/// One consistent state of the ledger in memory: what every read request works from.
public final class LedgerSnapshot: Sendable {
    /// Stations, compiled hours and the nearest index.
    public let catalog: StationCatalog
    /// The same stations prepared for coverage, gaps, profiles and exports.
    public let coverage: CoverageAnalyzer
    /// The ledger version the snapshot was built from (see ``StationDatabase/ledgerVersion()``).
    public let ledgerVersion: Int64
    /// When the snapshot was built.
    public let builtAt: Date

    init(stations: [Station], ledgerVersion: Int64, districtMap: DistrictMap, population: [String: Int],
         demand: DemandLayer? = nil) {
        self.ledgerVersion = ledgerVersion
        builtAt = Date()
        let catalog = StationCatalog(stations: stations)
        self.catalog = catalog
        // Reuse the catalog's compiled hours (one per distinct expression) instead of compiling again.
        let coverageStations = catalog.stations.indices.map { i in
            let s = catalog.stations[i]
            return CoverageStation(id: s.id, location: s.location, isPublic: s.grade.isPublic,
                                   isActive: s.status == .active, schedule: catalog.compiledHours(forStationAt: i))
        }
        coverage = CoverageAnalyzer(districts: districtMap.shapes, stations: coverageStations, population: population, demand: demand)
    }
}
