import Foundation
import GRDB
import StationCore

/// Where an import's changes came from, as the history records it.
package struct HistorySource: Sendable {
    package var name: String
    package var crs: CoordinateSystem

    package init(name: String, crs: CoordinateSystem) {
        self.name = name
        self.crs = crs
    }
}

extension StationDatabase {
    static let insertHistoryPrefix =
        "INSERT INTO station_history (station_id, changed_at, actor, action, changes, source, crs) VALUES "

    /// Every recorded change to one station, oldest first (also after the station is deleted).
    public func history(stationID: String) throws -> [StationChange] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, station_id, changed_at, actor, action, changes, source, crs
                    FROM station_history WHERE station_id = ? ORDER BY seq
                    """,
                arguments: [stationID])
            return try rows.map { row in
                let seq: Int64 = row["seq"]
                let changesText: String = row["changes"]
                guard let action = StationChange.Action(rawValue: row["action"]),
                    let changes = try? JSONDecoder().decode(
                        [String: StationChange.FieldChange].self, from: Data(changesText.utf8))
                else { throw StoreError.corruptRow(table: "station_history", id: String(seq)) }
                return StationChange(
                    seq: seq, stationID: row["station_id"], changedAt: row["changed_at"], actor: row["actor"], action: action,
                    source: row["source"], crs: row["crs"], changes: changes)
            }
        }
    }
}
