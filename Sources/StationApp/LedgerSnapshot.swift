import Foundation
import StationCore
import StationGeometry

/// One consistent state of the ledger in memory: what every read request and read-only command works from.
public final class LedgerSnapshot: Sendable {
    /// Stations, compiled hours and the nearest index.
    public let catalog: StationCatalog
    /// The same stations prepared for coverage, gaps, profiles and exports.
    public let coverage: CoverageAnalyzer
    /// The ledger version the snapshot was built from (see ``LedgerStore/ledgerVersion()``).
    public let ledgerVersion: Int64
    /// When the snapshot was built.
    public let builtAt: Date

    public init(stations: [Station], ledgerVersion: Int64, geography: LedgerGeography) {
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
        coverage = CoverageAnalyzer(districts: geography.districtMap.shapes, stations: coverageStations,
                                    population: geography.population, demand: geography.demand)
    }
}
