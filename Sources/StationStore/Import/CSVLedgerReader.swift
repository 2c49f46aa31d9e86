/// Turns a CSV ledger (English or Chinese header, columns in any order) into records.
enum CSVLedgerReader {
    static func records(_ bytes: ArraySlice<UInt8>, file: String, issues: inout IssueCollector) -> [LedgerRecord] {
        let (rows, syntax) = CSVReader.parse(bytes)
        guard let header = rows.first else {
            for s in syntax { issues.add(ImportIssue(file: file, location: .line(s.line), columnNumber: nil, reason: s.reason)) }
            if syntax.isEmpty { issues.add(ImportIssue(file: file, location: .file, reason: "the file is empty; expected a header line")) }
            return []
        }
        var columns = LedgerColumns()
        var fieldOfColumn: [LedgerField?] = []
        var headerOK = true
        for (i, cell) in header.fields.enumerated() {
            let text = cell.trimmingWhitespace()
            guard let f = LedgerField.named(text) else {
                headerOK = false
                issues.add(ImportIssue(
                    file: file, location: .line(header.line), column: text, columnNumber: i + 1,
                    reason: "unknown column '\(text)'; expected \(LedgerField.englishHeaderList) or the Chinese headers (\(LedgerField.allCases.map(\.chineseHeader).joined(separator: ",")))"))
                fieldOfColumn.append(nil)
                continue
            }
            if let first = columns.numbers[f.rawValue] {
                headerOK = false
                issues.add(ImportIssue(
                    file: file, location: .line(header.line), column: text, columnNumber: i + 1,
                    reason: "column \(f.key) appears twice (also column \(first))"))
            }
            columns.names[f.rawValue] = text
            columns.numbers[f.rawValue] = i + 1
            fieldOfColumn.append(f)
        }
        for f in LedgerField.required where columns.numbers[f.rawValue] == nil {
            headerOK = false
            issues.add(ImportIssue(
                file: file, location: .line(header.line),
                reason: "required column \(f.key) (\(f.chineseHeader)) is missing from the header"))
        }
        // Syntax problems are reported whatever the header says; rows only when it is usable.
        for s in syntax {
            let f = s.field <= fieldOfColumn.count ? fieldOfColumn[s.field - 1] : nil
            issues.add(ImportIssue(
                file: file, location: .line(s.line), column: f.flatMap { columns.names[$0.rawValue] } ?? "?",
                columnNumber: s.field, reason: s.reason))
        }
        guard headerOK else { return [] }
        let syntaxLines = Set(syntax.map(\.line))

        var out: [LedgerRecord] = []
        out.reserveCapacity(rows.count - 1)
        for row in rows.dropFirst() {
            guard row.fields.count == header.fields.count else {
                issues.add(ImportIssue(
                    file: file, location: .line(row.line),
                    reason: "expected \(header.fields.count) fields as in the header, found \(row.fields.count) (a comma inside a value needs quotes)"))
                continue
            }
            if syntaxLines.contains(row.line) { continue }
            var values = [String?](repeating: nil, count: LedgerField.allCases.count)
            for (i, cell) in row.fields.enumerated() {
                guard let f = fieldOfColumn[i] else { continue }
                let t = cell.trimmingWhitespace()
                values[f.rawValue] = t.isEmpty ? nil : t
            }
            out.append(LedgerRecord(file: file, location: .line(row.line), values: values, columns: columns))
        }
        return out
    }
}
