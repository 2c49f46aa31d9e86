/// Where in a ledger file something was found.
public enum LedgerLocation: Hashable, Sendable, CustomStringConvertible {
    /// The whole file.
    case file
    /// A CSV line (1-based; the first line of a record that spans several).
    case line(Int)
    /// A GeoJSON feature, by its 0-based index in the `features` array.
    case feature(Int)

    public var description: String {
        switch self {
        case .file: return ""
        case .line(let n): return "line \(n)"
        case .feature(let i): return "features[\(i)]"
        }
    }
}

/// One problem found in a ledger: file, place, column and a reason a person can act on.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: LedgerLocation
    /// The column / property as the file names it (e.g. `lat` or `纬度`), nil for the row.
    public var column: String?
    /// The 1-based CSV column number, nil for GeoJSON or the whole row.
    public var columnNumber: Int?
    public var reason: String

    public init(file: String, location: LedgerLocation, column: String? = nil, columnNumber: Int? = nil, reason: String) {
        self.file = file
        self.location = location
        self.column = column
        self.columnNumber = columnNumber
        self.reason = reason
    }

    /// `stations.csv, line 4, column 3 (lat): reason` / `a.geojson, features[2], property grade: reason`.
    public var description: String {
        var place = file
        if location != .file { place += ", \(location)" }
        if let column {
            if let columnNumber {
                place += ", column \(columnNumber) (\(column))"
            } else if case .feature = location {
                place += ", property \(column)"
            } else {
                place += ", column \(column)"
            }
        }
        return "\(place): \(reason)"
    }
}

/// A ledger that failed validation: every issue found (up to ``limit``), nothing written.
public struct LedgerImportError: Error, Sendable, CustomStringConvertible {
    /// The most issues kept; more are counted but not listed.
    public static let limit = 50

    public var issues: [ImportIssue]
    /// The number of issues found in total (may exceed `issues.count`).
    public var totalCount: Int

    public var description: String {
        var lines = issues.map(\.description)
        if totalCount > issues.count {
            lines.append("... and \(totalCount - issues.count) more problems (first \(issues.count) shown)")
        }
        let noun = totalCount == 1 ? "problem" : "problems"
        lines.append("\(totalCount) \(noun) found; nothing was imported")
        return lines.joined(separator: "\n")
    }
}

/// Collects issues up to the limit while counting all of them.
struct IssueCollector {
    private(set) var issues: [ImportIssue] = []
    private(set) var count = 0

    mutating func add(_ issue: ImportIssue) {
        count += 1
        if issues.count < LedgerImportError.limit { issues.append(issue) }
    }

    /// Appends already-ordered issues, of which `total` were found in all (this collector's
    /// own included).
    mutating func absorb(_ more: [ImportIssue], total: Int) {
        for issue in more where issues.count < LedgerImportError.limit { issues.append(issue) }
        count = max(total, issues.count)
    }

    var isEmpty: Bool { count == 0 }

    func error() -> LedgerImportError { LedgerImportError(issues: issues, totalCount: count) }
}

/// What an import changed.
public struct ImportSummary: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Stations read from the files.
    public var read: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    /// Stations removed because `--replace` was given and they were not in the files.
    public var deleted: Int

    public init(read: Int, inserted: Int, updated: Int, unchanged: Int, deleted: Int) {
        self.read = read
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.deleted = deleted
    }

    public var description: String {
        "\(read) \(read == 1 ? "station" : "stations") read: \(inserted) inserted, \(updated) updated, \(unchanged) unchanged, \(deleted) deleted"
    }
}

/// The two ledger file formats.
public enum LedgerFormat: String, Sendable, CaseIterable {
    case csv, geojson

    /// The format for a file name (`.geojson`/`.json` are GeoJSON), else by the first byte.
    static func guess(name: String, bytes: ArraySlice<UInt8>) -> LedgerFormat {
        let lower = name.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return .geojson }
        if lower.hasSuffix(".csv") { return .csv }
        let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        return first == UInt8(ascii: "{") ? .geojson : .csv
    }
}
