import Logging
import PostgresNIO
import StationCore
import StationStore

/// Reading and writing `stations` rows in PostgreSQL: the column order every statement shares and
/// the conversion between a row and a ``Station``.
enum PostgresStationRows {
    static let columns = "id, name, lon, lat, address, district, grade, organization, host_type, opening_hours, amenities, phone, status, rating, last_inspected"
    static let columnCount = 15

    /// Stations matching `clause` (`WHERE ...`, `ORDER BY ...`), with `binds` for its `$n` placeholders.
    static func fetch(_ connection: PostgresConnection, where clause: String, binds: [String] = [], logger: Logger) async throws -> [Station] {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds { bindings.append(value) }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM stations \(clause)", binds: bindings),
                                              logger: logger)
        var stations: [Station] = []
        for try await row in rows { stations.append(try station(row)) }
        return stations
    }

    static func station(_ row: PostgresRow) throws -> Station {
        let (id, name, lon, lat, address, district, gradeText, organization, hostText, hours, mask, phone, statusText, rating, inspected) =
            try row.decode((String, String, Double, Double, String?, String, String, String?, String, String, Int64, String?, String, Int64?, String?).self)
        guard let grade = Grade(rawValue: gradeText), let host = HostType(rawValue: hostText),
            let status = StationStatus(rawValue: statusText)
        else { throw StoreError.corruptRow(table: "stations", id: id) }
        return Station(
            id: id, name: name, lon: lon, lat: lat, address: address, district: district, grade: grade,
            organization: organization, hostType: host, openingHours: hours,
            amenities: AmenitySet(bits: UInt32(truncatingIfNeeded: mask)), phone: phone, status: status,
            rating: rating.map(Int.init), lastInspected: inspected)
    }

    /// Appends a station's values in ``columns`` order.
    static func bind(_ s: Station, to bindings: inout PostgresBindings) {
        bindings.append(s.id)
        bindings.append(s.name)
        bindings.append(s.lon)
        bindings.append(s.lat)
        bindings.append(s.address)
        bindings.append(s.district)
        bindings.append(s.grade.rawValue)
        bindings.append(s.organization)
        bindings.append(s.hostType.rawValue)
        bindings.append(s.openingHours)
        bindings.append(Int64(s.amenities.bits))
        bindings.append(s.phone)
        bindings.append(s.status.rawValue)
        bindings.append(s.rating.map(Int64.init))
        bindings.append(s.lastInspected)
    }

    /// Inserts `stations` in multi-row statements of ``batchRows``; with `updatingExisting`, a
    /// station whose id is stored replaces it (`ON CONFLICT (id) DO UPDATE`).
    static func insert(_ stations: [Station], updatingExisting: Bool, on connection: PostgresConnection, logger: Logger) async throws {
        let assignments = columns.split(separator: ",").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
            .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let conflict = updatingExisting ? " ON CONFLICT (id) DO UPDATE SET \(assignments)" : ""
        for start in stride(from: 0, to: stations.count, by: batchRows) {
            let batch = stations[start..<min(start + batchRows, stations.count)]
            var bindings = PostgresBindings(capacity: batch.count * columnCount)
            for s in batch { bind(s, to: &bindings) }
            let sql = "INSERT INTO stations (\(columns)) VALUES " + placeholders(rows: batch.count, width: columnCount) + conflict
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
    }

    /// Inserts history rows as given (sequence numbers included), in multi-row statements.
    static func insert(_ history: [LedgerContents.HistoryRow], on connection: PostgresConnection, logger: Logger) async throws {
        let width = 8
        for start in stride(from: 0, to: history.count, by: batchRows) {
            let batch = history[start..<min(start + batchRows, history.count)]
            var bindings = PostgresBindings(capacity: batch.count * width)
            for h in batch {
                bindings.append(h.seq)
                bindings.append(h.stationID)
                bindings.append(h.changedAt)
                bindings.append(h.actor)
                bindings.append(h.action)
                bindings.append(h.changes)
                bindings.append(h.source)
                bindings.append(h.crs)
            }
            let sql = "INSERT INTO station_history (seq, station_id, changed_at, actor, action, changes, source, crs) VALUES "
                + placeholders(rows: batch.count, width: width)
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
    }

    /// Rows per multi-row statement: 1,000 stations are 15,000 parameters (the protocol allows 65,535).
    static let batchRows = 1_000

    /// `($1, ..., $n), ($n+1, ...)`: placeholders for `rows` rows of `width` values.
    static func placeholders(rows: Int, width: Int) -> String {
        var out = ""
        out.reserveCapacity(rows * width * 6)
        var n = 0
        for r in 0..<rows {
            out += r == 0 ? "(" : ",("
            for c in 0..<width {
                n += 1
                out += c == 0 ? "$\(n)" : ",$\(n)"
            }
            out += ")"
        }
        return out
    }
}
