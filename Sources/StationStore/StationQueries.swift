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
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM districts WHERE adcode = ?", arguments: [station.district]) == 1 else {
                throw StoreError.unknownDistrict(station.district)
            }
            let old = try Self.fetchStations(db, sql: StationRows.selectSQL + " WHERE id = ?", arguments: [station.id]).first
            var writer = try LedgerWriter(db: db, actor: actor)
            try writer.put(station, old: old)
            try writer.finish()
        }
    }

    /// Deletes one station, recording its last values in the history.
    public func delete(id: String, actor: String) throws {
        try writer.write { db in
            guard let old = try Self.fetchStations(db, sql: StationRows.selectSQL + " WHERE id = ?", arguments: [id]).first
            else { throw StoreError.unknownStation(id) }
            var writer = try LedgerWriter(db: db, actor: actor)
            try writer.remove(old)
            try writer.finish()
        }
    }

    static func fetchStations(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Station] {
        try Station.fetchAll(db, sql: sql, arguments: arguments)
    }
}

/// Writes stations and their history rows inside one open transaction, with prepared
/// statements reused for every row (the import's hot loop).
struct LedgerWriter {
    var insert: BatchInserter
    let update: SQLiteBinder
    let deleteStatement: Statement
    var historyInsert: BatchInserter
    let actor: String
    let source: HistorySource?
    let changedAt: String
    private(set) var inserted = 0
    private(set) var updated = 0
    private(set) var unchanged = 0
    private(set) var deleted = 0

    init(db: Database, actor: String, source: HistorySource? = nil) throws {
        insert = try BatchInserter(db: db, prefix: StationRows.insertPrefix, columns: 15)
        update = SQLiteBinder(try db.makeStatement(sql: StationRows.updateSQL), db: db)
        deleteStatement = try db.makeStatement(sql: "DELETE FROM stations WHERE id = ?")
        historyInsert = try BatchInserter(db: db, prefix: StationDatabase.insertHistoryPrefix, columns: 7)
        self.actor = actor
        self.source = source
        changedAt = UTCClock.nowISO()
    }

    /// Writes `station` given its stored version `old` (nil: new).
    mutating func put(_ station: Station, old: Station?) throws {
        try put(station, old: old, changes: StationDiff.changesJSON(old: old, new: station))
    }

    /// Writes `station` with its history JSON already computed (nil: unchanged).
    mutating func put(_ station: Station, old: Station?, changes: String?) throws {
        guard let changes else {
            unchanged += 1
            return
        }
        if old == nil {
            try insert.add(StationRows.values(station))
            inserted += 1
        } else {
            try update.run(StationRows.values(station))
            updated += 1
        }
        try historyInsert.add([.text(station.id), .text(changedAt), .text(actor), .text(old == nil ? "insert" : "update"),
                               .text(changes)] + sourceValues)
    }

    /// The history's source and crs columns for this write (null for a single-station edit).
    private var sourceValues: [SQLiteBinder.Value] {
        [.text(source?.name), .text(source?.crs.rawValue)]
    }

    /// Writes the batched rows; must run before the transaction ends.
    mutating func finish() throws {
        try insert.flush()
        try historyInsert.flush()
    }

    /// Deletes `old` and records its values.
    mutating func remove(_ old: Station) throws {
        try deleteStatement.execute(arguments: [old.id])
        let changes = StationDiff.changesJSON(old: old, new: nil) ?? "{}"
        try historyInsert.add([.text(old.id), .text(changedAt), .text(actor), .text("delete"), .text(changes)] + sourceValues)
        deleted += 1
    }
}
