import GRDB
import StationCore

/// A `stations` row read by column name. The schema's CHECKs make the enum conversions safe, but a
/// hand-edited file still gets an error rather than a crash.
extension Station: FetchableRecord {
    public init(row: Row) throws {
        let id: String = row["id"]
        guard let grade = Grade(rawValue: row["grade"]), let host = HostType(rawValue: row["host_type"]),
            let status = StationStatus(rawValue: row["status"])
        else {
            throw StoreError.corruptRow(table: "stations", id: id)
        }
        let mask: Int64 = row["amenities"]
        self.init(
            id: id, name: row["name"], lon: row["lon"], lat: row["lat"], address: row["address"], district: row["district"],
            grade: grade, organization: row["organization"], hostType: host, openingHours: row["opening_hours"],
            amenities: AmenitySet(bits: UInt32(truncatingIfNeeded: mask)), phone: row["phone"],
            status: status, rating: row["rating"], lastInspected: row["last_inspected"])
    }
}
