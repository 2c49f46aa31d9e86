/// One station as read from a file, before validation: text per field and where it came from.
struct LedgerRecord: Sendable {
    var file: String
    var location: LedgerLocation
    /// Trimmed text by ``LedgerField`` raw value; nil when absent or empty.
    var values: [String?]
    var columns: LedgerColumns

    subscript(_ f: LedgerField) -> String? { values[f.rawValue] }

    /// An issue about field `f` of this record.
    func issue(_ f: LedgerField?, _ reason: String) -> ImportIssue {
        guard let f else { return ImportIssue(file: file, location: location, reason: reason) }
        return ImportIssue(
            file: file, location: location, column: columns.names[f.rawValue] ?? f.key,
            columnNumber: columns.numbers[f.rawValue], reason: reason)
    }
}

/// How one file names its columns: the header text and 1-based position of each field.
struct LedgerColumns: Sendable {
    var names: [String?] = Array(repeating: nil, count: LedgerField.allCases.count)
    var numbers: [Int?] = Array(repeating: nil, count: LedgerField.allCases.count)
}
