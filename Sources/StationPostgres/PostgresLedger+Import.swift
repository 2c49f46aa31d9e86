import Foundation
import StationCore
import StationStore

/// Imports: validated by the code every engine shares, written in one transaction (all or nothing).
extension PostgresLedger {
    public func checkLedger(files: [URL], crs: CoordinateSystem) async throws -> [Station] {
        let inputs = try StationDatabase.readInputs(files: files)
        return try StationDatabase.checkLedger(inputs: inputs, crs: crs, districts: try await districtMap())
    }

    public func storedStationsByID() async throws -> [String: Station] {
        Dictionary(try await versionedStations().stations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func write(_ stations: [Station], request: ImportRequest) async throws -> ImportSummary {
        let source = HistorySource(name: request.source, crs: request.crs)
        let tally = try await ledgerWrite(actor: request.actor, source: source) { writer in
            // Read under the version lock: no other writer can change the stations until this commits.
            var stored: [String: Station] = [:]
            for s in try await PostgresStationRows.fetch(writer.connection, where: "", logger: writer.logger) { stored[s.id] = s }
            let existing = stored
            if !request.confirmed {
                let plan = ImportPlan(incoming: stations, existing: existing, replace: request.replace)
                if let refusal = plan.refusal(incoming: stations, existing: existing, crs: request.crs) { throw refusal }
            }
            let changes = Parallel.mapChunks(count: stations.count) { range in
                range.map { StationDiff.changesJSON(old: existing[stations[$0].id], new: stations[$0]) }
            }.flatMap { $0 }
            for (s, change) in zip(stations, changes) {
                writer.put(s, old: existing[s.id], changes: change)
            }
            if request.replace {
                let kept = Set(stations.map(\.id))
                for old in existing.values.sorted(by: { $0.id < $1.id }) where !kept.contains(old.id) {
                    writer.remove(old)
                }
            }
        }
        return ImportSummary(read: stations.count, inserted: tally.inserted, updated: tally.updated,
                             unchanged: tally.unchanged, deleted: tally.deleted)
    }
}
