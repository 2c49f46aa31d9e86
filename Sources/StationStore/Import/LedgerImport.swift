import Foundation
import GRDB
import StationCore
import StationGeometry

/// Importing ledgers: read every file, validate every record, then write all of it in one
/// transaction, or nothing.
extension StationDatabase {
    /// Imports ledger files (CSV or GeoJSON by extension). All or nothing: on any problem it
    /// throws ``LedgerImportError`` listing them and the database is left exactly as it was.
    /// - Parameters:
    ///   - crs: the system the files' coordinates are in; stored coordinates are WGS-84.
    ///   - replace: true to make the files the whole ledger (stations not in them are deleted);
    ///     false to insert or update by id. A row is the whole station: a column that is
    ///     empty or absent from the file clears that field of the stored station (the ledger
    ///     row is the record of truth; partial patches are not a ledger operation).
    ///   - actor: who is importing, recorded in the history.
    public func importLedger(files: [URL], crs: CoordinateSystem, replace: Bool, actor: String) throws -> ImportSummary {
        let stations = try checkLedger(files: files, crs: crs)
        return try write(stations, replace: replace, actor: actor)
    }

    /// Imports one ledger held in memory; `sourceName` names it in error reports.
    public func importLedger(
        data: Data, format: LedgerFormat, sourceName: String, crs: CoordinateSystem, replace: Bool, actor: String
    ) throws -> ImportSummary {
        let stations = try checkLedger(inputs: [(sourceName, [UInt8](data), format)], crs: crs)
        return try write(stations, replace: replace, actor: actor)
    }

    /// Validates ledger files against the stored districts without writing anything.
    /// - Returns: the stations the files describe (WGS-84, districts filled in).
    /// - Throws: ``LedgerImportError`` with every problem found (file unreadable included).
    public func checkLedger(files: [URL], crs: CoordinateSystem) throws -> [Station] {
        var inputs: [(String, [UInt8], LedgerFormat?)] = []
        var unreadable = IssueCollector()
        for url in files {
            do {
                inputs.append((url.lastPathComponent, [UInt8](try Data(contentsOf: url)), nil))
            } catch {
                unreadable.add(ImportIssue(file: url.path, location: .file, reason: "cannot be read (\(error.localizedDescription))"))
            }
        }
        guard unreadable.isEmpty else { throw unreadable.error() }
        return try checkLedger(inputs: inputs, crs: crs)
    }

    func checkLedger(inputs: [(name: String, bytes: [UInt8], format: LedgerFormat?)], crs: CoordinateSystem) throws -> [Station] {
        let map = try districtMap()
        var issues = IssueCollector()
        var records: [LedgerRecord] = []
        for input in inputs {
            let text: ArraySlice<UInt8>
            do {
                text = try LedgerText.utf8Bytes(input.bytes)
            } catch {
                issues.add(ImportIssue(file: input.name, location: .file, reason: "file \(input.name) \(error.reason)"))
                continue
            }
            let format = input.format ?? LedgerFormat.guess(name: input.name, bytes: text)
            records += format == .csv
                ? CSVLedgerReader.records(text, file: input.name, issues: &issues)
                : GeoJSONLedgerReader.records(text, file: input.name, issues: &issues)
        }

        // Duplicate ids across all files, in reading order.
        var firstSeen: [String: ImportIssue] = [:]
        var recordIssues: [(index: Int, issue: ImportIssue)] = []
        var skip = [Bool](repeating: false, count: records.count)
        for (i, record) in records.enumerated() {
            guard let id = record[.id] else { continue }
            if let first = firstSeen[id] {
                let place = [first.file, first.location.description].filter { !$0.isEmpty }.joined(separator: ", ")
                recordIssues.append((i, record.issue(.id, "duplicate id '\(id)' (first at \(place))")))
                skip[i] = true
            } else {
                firstSeen[id] = record.issue(.id, "")
            }
        }
        var total = issues.count + recordIssues.count

        let checked = ParallelValidation.run(records: records, skip: skip, crs: crs, districts: map)
        for chunk in checked {
            recordIssues += chunk.issues
            total += chunk.issueCount
        }
        recordIssues.sort { $0.index < $1.index }  // stable for equal indices: sort is stable in Swift 5+
        issues.absorb(recordIssues.map(\.issue), total: total)
        guard issues.isEmpty else { throw issues.error() }
        return checked.flatMap(\.stations)
    }

    /// Writes validated stations in one transaction, with a history row per real change.
    func write(_ stations: [Station], replace: Bool, actor: String) throws -> ImportSummary {
        try writer.write { db in
            var existing: [String: Station] = [:]
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM stations") ?? 0 > 0 {
                for s in try Self.fetchStations(db, sql: StationRows.selectSQL) { existing[s.id] = s }
            }
            var ledger = try LedgerWriter(db: db, actor: actor)
            // The history JSON of every row is built on all cores first; SQLite writes alone.
            let stored = existing
            let changes = ParallelChunks.map(count: stations.count) { range in
                range.map { StationDiff.changesJSON(old: stored[stations[$0].id], new: stations[$0]) }
            }.flatMap { $0 }
            for (s, change) in zip(stations, changes) {
                try ledger.put(s, old: existing[s.id], changes: change)
            }
            if replace {
                let kept = Set(stations.map(\.id))
                for old in existing.values.sorted(by: { $0.id < $1.id }) where !kept.contains(old.id) {
                    try ledger.remove(old)
                }
            }
            try ledger.finish()
            return ImportSummary(
                read: stations.count, inserted: ledger.inserted, updated: ledger.updated,
                unchanged: ledger.unchanged, deleted: ledger.deleted)
        }
    }
}
