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
        try importLedger(files: files, request: ImportRequest(
            replace: replace, crs: crs, actor: actor, source: Self.sourceName(files), confirmed: true))
    }

    /// Imports ledger files under `request`'s safety rules: a replace deleting more than 10 % of
    /// the ledger, or coordinates that look like GCJ-02/BD-09 read as WGS-84, throw
    /// ``ImportRefusal`` (nothing written) unless the request is confirmed.
    public func importLedger(files: [URL], request: ImportRequest) throws -> ImportSummary {
        try write(try checkLedger(files: files, crs: request.crs), request: request)
    }

    /// Imports one ledger held in memory; `sourceName` names it in error reports.
    public func importLedger(
        data: Data, format: LedgerFormat, sourceName: String, crs: CoordinateSystem, replace: Bool, actor: String
    ) throws -> ImportSummary {
        try importLedger(data: data, format: format, request: ImportRequest(
            replace: replace, crs: crs, actor: actor, source: sourceName, confirmed: true))
    }

    /// Imports one ledger held in memory under `request`'s safety rules; its source names it in
    /// error reports and the history.
    public func importLedger(data: Data, format: LedgerFormat, request: ImportRequest) throws -> ImportSummary {
        let stations = try checkLedger(inputs: [(request.source, [UInt8](data), format)], crs: request.crs)
        return try write(stations, request: request)
    }

    /// What importing `files` would change, without writing (`validate --diff`, `import --dry-run`).
    public func planImport(files: [URL], crs: CoordinateSystem, replace: Bool) throws -> ImportPlan {
        let stations = try checkLedger(files: files, crs: crs)
        return try writer.read { db in
            ImportPlan(incoming: stations, existing: try Self.storedByID(db), replace: replace)
        }
    }

    /// What importing one in-memory ledger would change, without writing (`dry_run=true`).
    public func planImport(data: Data, format: LedgerFormat, sourceName: String, crs: CoordinateSystem,
                           replace: Bool) throws -> ImportPlan {
        let stations = try checkLedger(inputs: [(sourceName, [UInt8](data), format)], crs: crs)
        return try writer.read { db in
            ImportPlan(incoming: stations, existing: try Self.storedByID(db), replace: replace)
        }
    }

    /// File names as the history records an import's source.
    package static func sourceName(_ files: [URL]) -> String {
        files.map(\.lastPathComponent).joined(separator: ", ")
    }

    /// Every stored station by id (what an import plan compares against).
    public func storedStationsByID() throws -> [String: Station] {
        try writer.read { db in try Self.storedByID(db) }
    }

    static func storedByID(_ db: Database) throws -> [String: Station] {
        var existing: [String: Station] = [:]
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM stations") ?? 0 > 0 {
            for s in try fetchStations(db, sql: StationRows.selectSQL) { existing[s.id] = s }
        }
        return existing
    }

    /// Validates ledger files against the stored districts without writing anything.
    /// - Returns: the stations the files describe (WGS-84, districts filled in).
    /// - Throws: ``LedgerImportError`` with every problem found (file unreadable included).
    public func checkLedger(files: [URL], crs: CoordinateSystem) throws -> [Station] {
        try checkLedger(inputs: try Self.readInputs(files: files), crs: crs)
    }

    /// Reads ledger files into memory for ``checkLedger(inputs:crs:districts:)`` (every engine's import).
    /// - Throws: ``LedgerImportError`` naming every file that cannot be read.
    package static func readInputs(files: [URL]) throws -> [LedgerInput] {
        var inputs: [LedgerInput] = []
        var unreadable = IssueCollector()
        for url in files {
            do {
                inputs.append((url.lastPathComponent, [UInt8](try Data(contentsOf: url)), nil))
            } catch {
                unreadable.add(ImportIssue(file: url.path, location: .file, reason: "cannot be read (\(error.localizedDescription))"))
            }
        }
        guard unreadable.isEmpty else { throw unreadable.error() }
        return inputs
    }

    func checkLedger(inputs: [LedgerInput], crs: CoordinateSystem) throws -> [Station] {
        try Self.checkLedger(inputs: inputs, crs: crs, districts: try districtMap())
    }

    /// Reads and validates ledger inputs against `map` (every engine's import shares this); writes nothing.
    /// - Returns: the stations the inputs describe (WGS-84, districts filled in).
    /// - Throws: ``LedgerImportError`` with every problem found.
    public static func checkLedger(inputs: [LedgerInput], crs: CoordinateSystem, districts map: DistrictMap) throws -> [Station] {
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

    /// Writes validated stations in one transaction, with a history row per real change; refuses
    /// (throwing ``ImportRefusal``, nothing written) what needs confirming and is not confirmed.
    public func write(_ stations: [Station], request: ImportRequest) throws -> ImportSummary {
        try writer.write { db in
            let existing = try Self.storedByID(db)
            if !request.confirmed {
                let plan = ImportPlan(incoming: stations, existing: existing, replace: request.replace)
                if let refusal = plan.refusal(incoming: stations, existing: existing, crs: request.crs) { throw refusal }
            }
            var ledger = try LedgerWriter(db: db, actor: request.actor,
                                          source: HistorySource(name: request.source, crs: request.crs))
            // The history JSON of every row is built on all cores first; SQLite writes alone.
            let changes = Parallel.mapChunks(count: stations.count) { range in
                range.map { StationDiff.changesJSON(old: existing[stations[$0].id], new: stations[$0]) }
            }.flatMap { $0 }
            for (s, change) in zip(stations, changes) {
                try ledger.put(s, old: existing[s.id], changes: change)
            }
            if request.replace {
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
