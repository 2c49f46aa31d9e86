import Foundation
import StationCore

/// What an import would change, computed against the stored ledger before anything is written:
/// shown by `validate --diff` and `import --dry-run`, and checked by the import's safety rules.
public struct ImportPlan: Sendable, Codable, Equatable {
    public struct Update: Sendable, Codable, Equatable {
        public var id: String
        /// The fields that change, by their JSON names (`lat`, `opening_hours`, ...).
        public var fields: [String]
    }

    /// Stations read from the files.
    public var read: Int
    /// Stations in the ledger before the import.
    public var stored: Int
    public var inserted: [String]
    public var updated: [Update]
    public var unchanged: Int
    /// Stations a replace would delete (empty without replace).
    public var deleted: [String]

    /// The counts, as an import reports them.
    public var summary: ImportSummary {
        ImportSummary(read: read, inserted: inserted.count, updated: updated.count, unchanged: unchanged, deleted: deleted.count)
    }

    /// Compares the validated `incoming` stations with the `existing` ledger.
    package init(incoming: [Station], existing: [String: Station], replace: Bool) {
        read = incoming.count
        stored = existing.count
        inserted = []
        updated = []
        unchanged = 0
        for station in incoming {
            guard let old = existing[station.id] else { inserted.append(station.id); continue }
            let fields = Self.changedFields(old: old, new: station)
            if fields.isEmpty { unchanged += 1 } else { updated.append(Update(id: station.id, fields: fields)) }
        }
        let kept = Set(incoming.map(\.id))
        deleted = replace ? existing.keys.filter { !kept.contains($0) }.sorted() : []
    }

    /// The JSON names of the fields that differ, from the history's own diff.
    static func changedFields(old: Station, new: Station) -> [String] {
        guard let json = StationDiff.changesJSON(old: old, new: new),
              let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        else { return [] }
        return object.keys.sorted()
    }

    /// The refusal the import needs confirming for, nil when it is safe to write.
    package func refusal(incoming: [Station], existing: [String: Station], crs: CoordinateSystem) -> ImportRefusal? {
        if !deleted.isEmpty, stored > 0,
           Double(deleted.count) > Double(stored) * ImportRequest.deletionShareNeedingConfirmation {
            return .wouldDeleteMany(deleted: deleted.count, stored: stored)
        }
        if crs == .wgs84, let suspicion = Self.otherSystemSuspicion(incoming: incoming, existing: existing) {
            return suspicion
        }
        return nil
    }

    /// Whether the stations an import moves mostly move by one Chinese system's offset: each new
    /// point, read as that system and converted to WGS-84, lands within 2 m of the stored point.
    /// At least 3 moved stations and 80 % of them must match, so a real relocation is not flagged.
    static func otherSystemSuspicion(incoming: [Station], existing: [String: Station]) -> ImportRefusal? {
        let moved = incoming.compactMap { s -> (old: LonLat, new: LonLat)? in
            guard let old = existing[s.id], Earth.distanceMetres(old.location, s.location) > 20 else { return nil }
            return (old.location, s.location)
        }
        guard moved.count >= 3 else { return nil }
        for system in [CoordinateSystem.gcj02, .bd09] {
            let matching = moved.filter { pair in
                guard let asWGS84 = try? system.toWGS84(pair.new) else { return false }
                return Earth.distanceMetres(asWGS84, pair.old) < 2
            }.count
            if Double(matching) >= Double(moved.count) * 0.8 {
                return .looksLikeOtherSystem(system, moved: moved.count, matching: matching)
            }
        }
        return nil
    }
}
