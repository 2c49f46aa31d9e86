import GRDB
import StationCore

/// Reading stations back and changing single stations (each change with its history row).
extension StationDatabase {
    /// Every station, ordered by id.
    public func allStations() throws -> [Station] {
        try writer.read { db in try Self.fetchStations(db, sql: StationRows.selectSQL + " ORDER BY id") }
    }

    /// One station, or nil when the id is unknown.
    public func station(id: String) throws -> Station? {
        try writer.read { db in
            try Self.fetchStations(db, sql: StationRows.selectSQL + " WHERE id = ?", arguments: [id]).first
        }
    }

    /// The stations of one district (given by adcode, Chinese name or pinyin), or all of them
    /// when `district` is nil. An unknown district is an error, not an empty list.
    public func stations(district: String?) throws -> [Station] {
        guard let district else { return try allStations() }
        guard let known = try districtNames().first(where: { $0.matches(district) }) else {
            throw StoreError.unknownDistrict(district)
        }
        return try writer.read { db in
            try Self.fetchStations(
                db, sql: StationRows.selectSQL + " WHERE district = ? ORDER BY id", arguments: [known.adcode])
        }
    }

    /// The number of stations stored.
    public func stationCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM stations") ?? 0 }
    }

    /// Inserts or replaces one station, recording the change (nothing when it is unchanged).
    /// Validation is the schema's: use the importer for ledger input.
    public func upsert(_ station: Station, actor: String) throws {
        try writer.write { db in
            let old = try Self.fetchStations(db, sql: StationRows.selectSQL + " WHERE id = ?", arguments: [station.id]).first
            var writer = try LedgerWriter(db: db, actor: actor)
            try writer.put(station, old: old)
        }
    }

    /// Deletes one station, recording its last values in the history.
    public func delete(id: String, actor: String) throws {
        try writer.write { db in
            guard let old = try Self.fetchStations(db, sql: StationRows.selectSQL + " WHERE id = ?", arguments: [id]).first
            else { throw StoreError.unknownStation(id) }
            var writer = try LedgerWriter(db: db, actor: actor)
            try writer.remove(old)
        }
    }

    static func fetchStations(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Station] {
        var out: [Station] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            out.append(try StationRows.station(row))
        }
        return out
    }
}

/// Writes stations and their history rows inside one open transaction, with prepared
/// statements reused for every row (the import's hot loop).
struct LedgerWriter {
    let insert: Statement
    let update: Statement
    let deleteStatement: Statement
    let historyInsert: Statement
    let actor: String
    let changedAt: String
    private(set) var inserted = 0
    private(set) var updated = 0
    private(set) var unchanged = 0
    private(set) var deleted = 0

    init(db: Database, actor: String) throws {
        insert = try db.makeStatement(sql: StationRows.insertSQL)
        update = try db.makeStatement(sql: StationRows.updateSQL)
        deleteStatement = try db.makeStatement(sql: "DELETE FROM stations WHERE id = ?")
        historyInsert = try db.makeStatement(sql: StationDatabase.insertHistorySQL)
        self.actor = actor
        changedAt = UTCClock.nowISO()
    }

    /// Writes `station` given its stored version `old` (nil: new).
    mutating func put(_ station: Station, old: Station?) throws {
        guard let changes = StationDiff.changesJSON(old: old, new: station) else {
            unchanged += 1
            return
        }
        if old == nil {
            try insert.execute(arguments: StationRows.arguments(station))
            inserted += 1
        } else {
            try update.execute(arguments: StationRows.arguments(station))
            updated += 1
        }
        try historyInsert.execute(arguments: [station.id, changedAt, actor, old == nil ? "insert" : "update", changes])
    }

    /// Deletes `old` and records its values.
    mutating func remove(_ old: Station) throws {
        try deleteStatement.execute(arguments: [old.id])
        let changes = StationDiff.changesJSON(old: old, new: nil) ?? "{}"
        try historyInsert.execute(arguments: [old.id, changedAt, actor, "delete", changes])
        deleted += 1
    }
}
