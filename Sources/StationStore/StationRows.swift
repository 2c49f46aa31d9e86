import GRDB
import StationCore

/// Reading and writing `stations` rows: the column order shared by every statement, and the
/// conversion between a row and a ``Station``.
enum StationRows {
    static let columns = "id, name, lon, lat, address, district, grade, organization, host_type, opening_hours, amenities, phone, status, rating, last_inspected"

    /// The start of a (multi-row) INSERT; ``BatchInserter`` appends the placeholders.
    static let insertPrefix = "INSERT INTO stations (\(columns)) VALUES "

    static let updateSQL = """
        UPDATE stations SET name = ?2, lon = ?3, lat = ?4, address = ?5, district = ?6, grade = ?7,
        organization = ?8, host_type = ?9, opening_hours = ?10, amenities = ?11, phone = ?12,
        status = ?13, rating = ?14, last_inspected = ?15 WHERE id = ?1
        """

    static let selectSQL = "SELECT \(columns) FROM stations"

    /// The statement arguments for a station, in ``columns`` order.
    static func arguments(_ s: Station) -> StatementArguments {
        [
            s.id, s.name, s.lon, s.lat, s.address, s.district, s.grade.rawValue, s.organization,
            s.hostType.rawValue, s.openingHours, Int64(s.amenities.bits), s.phone, s.status.rawValue,
            s.rating, s.lastInspected,
        ]
    }

    /// The same values for ``SQLiteBinder`` (the import's fast path).
    static func values(_ s: Station) -> [SQLiteBinder.Value] {
        [
            .text(s.id), .text(s.name), .real(s.lon), .real(s.lat), .text(s.address), .text(s.district),
            .text(s.grade.rawValue), .text(s.organization), .text(s.hostType.rawValue), .text(s.openingHours),
            .integer(Int64(s.amenities.bits)), .text(s.phone), .text(s.status.rawValue), .integer(s.rating.map(Int64.init)),
            .text(s.lastInspected),
        ]
    }
}

/// Errors of the store itself (as opposed to a rejected import, see ``LedgerImportError``).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case corruptRow(table: String, id: String)
    case noDistricts
    case unknownDistrict(String)
    case unknownStation(String)
    case unknownKey(String)
    case geodata(String)
    /// A read-only command met a database whose schema is older than this program's.
    case schemaBehind(location: String)
    /// The database was written by a newer StationFinder (migrations this program does not know).
    case schemaAhead(location: String)

    public var description: String {
        switch self {
        case .corruptRow(let table, let id): return "table \(table): row \(id) holds a value outside the vocabulary"
        case .noDistricts: return "no districts loaded: run `stationfinder setup`"
        case .unknownDistrict(let d): return "unknown district '\(d)'"
        case .unknownStation(let id): return "no station with id '\(id)'"
        case .unknownKey(let id): return "no API key with id '\(id)'"
        case .geodata(let why): return why
        case .schemaBehind(let location):
            return "the ledger at \(location) is from an older StationFinder; run `stationfinder setup --db \(location)` once to update it"
        case .schemaAhead(let location):
            return "the ledger at \(location) was written by a newer StationFinder; use that version or a copy of the ledger"
        }
    }
}
