import StationCore
import StationGeometry
import StationStore

/// What a ledger's analyses need besides its stations: the district outlines, their census
/// population and the demand layer. Loaded once per process; only `setup` changes them.
public struct LedgerGeography: Sendable {
    public let districtMap: DistrictMap
    /// Residents by district adcode (2020 census).
    public let population: [String: Int]
    /// Where demand lies for coverage, gaps, profile and recommend (nil: spread evenly in each district).
    public let demand: DemandLayer?

    public init(districtMap: DistrictMap, population: [String: Int], demand: DemandLayer? = nil) {
        self.districtMap = districtMap
        self.population = population
        self.demand = demand
    }

    /// Reads the stored districts and population.
    /// - Throws: ``StoreError/noDistricts`` when `setup` has not loaded any.
    public static func load(from store: any LedgerStore, demand: DemandLayer? = nil) async throws -> LedgerGeography {
        LedgerGeography(districtMap: try await store.districtMap(), population: try await store.population(), demand: demand)
    }
}
