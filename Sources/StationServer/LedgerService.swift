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
        current = Mutex(LedgerSnapshot(stations: try database.allStations(), districtMap: districtMap, population: population, demand: demand))
    }

    /// The snapshot in force now. Keep it for the whole request for a consistent view.
    public var snapshot: LedgerSnapshot { current.withLock { $0 } }

    /// Runs a write against the database, then rebuilds and swaps the snapshot.
    public func write<T>(_ body: (StationDatabase) throws -> T) throws -> T {
        try writeLock.withLock { _ in
            let result = try body(database)
            let rebuilt = LedgerSnapshot(stations: try database.allStations(), districtMap: districtMap, population: population, demand: demand)
            current.withLock { $0 = rebuilt }
            return result
        }
    }
}

/// One consistent state of the ledger in memory: what every read request works from.
public final class LedgerSnapshot: Sendable {
    /// Stations, compiled hours and the nearest index.
    public let catalog: StationCatalog
    /// The same stations prepared for coverage, gaps, profiles and exports.
    public let coverage: CoverageAnalyzer

    init(stations: [Station], districtMap: DistrictMap, population: [String: Int], demand: DemandLayer? = nil) {
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
