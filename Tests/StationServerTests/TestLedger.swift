import Foundation
import StationCore
import StationApp
import StationServer
import StationStore

/// A small, hand-checkable ledger over Beijing's real district boundaries (from `geodata/`).
///
/// All stations sit on latitude 39.9 east of the test point (116.40, 39.90), so their distances
/// are easy to check by hand: 0.001 degree of longitude there is 85.3 m.
enum TestLedger {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let origin = LonLat(lon: 116.40, lat: 39.90)

    /// id, lon offset from the origin in 0.001 degrees, grade, organization, hours, amenities.
    static let csv = """
        id,name,lon,lat,grade,organization,host_type,opening_hours,amenities,status
        T-1,Always open,116.401,39.90,A,,convenience_store,24/7,drinking_water;toilet;heating,active
        T-2,Office hours,116.402,39.90,B,,union_office,Mo-Fr 09:00-17:00; PH off,drinking_water;seating,active
        T-3,Members only,116.403,39.90,C,Acme Couriers,employer,24/7,drinking_water;toilet;ebike_charging,active
        T-4,Night shop,116.404,39.90,B,,shop,Mo-Su 20:00-08:00,drinking_water;phone_charging,active
        T-5,Suspended,116.4005,39.90,A,,bank,24/7,drinking_water,suspended

        """

    /// The 16 districts, parsed once for all tests (parsing the 1.3 MB file takes seconds in a
    /// debug build); each test stores them into its own fresh database.
    static let districts: Result<[DistrictRecord], any Error> = Result {
        let db = try StationDatabase.inMemory()
        _ = try db.loadGeodata(directory: repoRoot.appendingPathComponent("geodata"))
        return try db.districts()
    }

    /// A fresh in-memory database with the 16 districts and the five test stations.
    static func database() throws -> StationDatabase {
        let db = try StationDatabase.inMemory()
        _ = try db.store(districts: try districts.get())
        _ = try db.importLedger(data: Data(csv.utf8), format: .csv, sourceName: "test.csv", crs: .wgs84,
                                replace: false, actor: "test")
        return db
    }

    static func services() async throws -> AppServices { try await AppServices(store: try database()) }
}
