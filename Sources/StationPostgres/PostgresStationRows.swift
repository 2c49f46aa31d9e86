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
