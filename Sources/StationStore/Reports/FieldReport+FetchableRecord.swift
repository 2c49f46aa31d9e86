import GRDB
import StationCore

/// A `station_reports` row read by column name.
extension FieldReport: FetchableRecord {
    public init(row: Row) throws {
        let id: Int64 = row["id"]
        guard let kind = ReportKind(rawValue: row["kind"]), let reporter = ReportReporter(rawValue: row["reporter"]),
            let status = ReportStatus(rawValue: row["status"])
        else { throw StoreError.corruptRow(table: "station_reports", id: String(id)) }
        let amenityText: String? = row["amenity"]
        self.init(
            id: id, stationID: row["station_id"], district: row["district"], kind: kind,
            amenity: amenityText.flatMap(Amenity.init(rawValue:)), note: row["note"],
            observedAtEpochSeconds: row["observed_at"], receivedAtEpochSeconds: row["received_at"], reporter: reporter,
            status: status, resolvedAtEpochSeconds: row["resolved_at"], resolvedBy: row["resolved_by"])
    }
}
