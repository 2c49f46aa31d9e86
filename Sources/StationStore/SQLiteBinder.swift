import GRDB
import GRDBSQLite

/// Runs one prepared GRDB statement many times by binding values with the SQLite C API.
///
/// Why: an import executes two INSERTs per station; GRDB's `execute(arguments:)` boxes every
/// value in a `StatementArguments` existential and revalidates it, which measured at about
/// three times SQLite's own cost per row (StoreBench). This stays inside GRDB's transaction
/// and statement objects; only binding and stepping are done by hand.
struct SQLiteBinder {
    private let statement: Statement
    private let connection: OpaquePointer?
    /// SQLite copies the bytes during the call (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement, db: Database) {
        self.statement = statement
        connection = db.sqliteConnection
    }

    /// One value to bind.
    enum Value {
        case text(String?)
        case real(Double)
        case integer(Int64?)
    }

    /// Binds `values` to parameters 1... and runs the statement to completion.
    func run(_ values: [Value]) throws {
        try run(rows: [values])
    }

    /// Binds the values of several rows one after another (for a multi-row INSERT) and runs.
    func run(rows: [[Value]]) throws {
        let h = statement.sqliteStatement
        sqlite3_reset(h)
        var index: Int32 = 0
        for values in rows {
            for v in values {
                index += 1
                bind(h, index, v)
            }
        }
        let rc = sqlite3_step(h)
        guard rc == SQLITE_DONE else {
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            sqlite3_reset(h)
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: statement.sql)
        }
        sqlite3_reset(h)
    }

    private func bind(_ h: SQLiteStatement, _ index: Int32, _ v: Value) {
        do {
            switch v {
            case .text(nil), .integer(nil):
                sqlite3_bind_null(h, index)
            case .text(let s?):
                var s = s
                s.withUTF8 { buf in
                    _ = sqlite3_bind_text(h, index, UnsafeRawPointer(buf.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32(buf.count), Self.transient)
                }
            case .real(let d):
                sqlite3_bind_double(h, index, d)
            case .integer(let n?):
                sqlite3_bind_int64(h, index, n)
            }
        }
    }
}

/// Inserts rows in batches with one multi-row `INSERT ... VALUES (...), (...)` per batch:
/// SQLite's fixed cost per statement execution (program start, cursor opening, constraint
/// set-up) is paid once per batch instead of once per row.
struct BatchInserter {
    private let db: Database
    private let prefix: String
    private let columns: Int
    private let batchRows: Int
    private let full: SQLiteBinder
    private var pending: [[SQLiteBinder.Value]] = []

    /// `prefix` is `INSERT INTO t (a, b, c) VALUES `; the placeholders are appended.
    init(db: Database, prefix: String, columns: Int, batchRows: Int = 64) throws {
        self.db = db
        self.prefix = prefix
        self.columns = columns
        self.batchRows = batchRows
        full = SQLiteBinder(try db.makeStatement(sql: Self.sql(prefix, columns, batchRows)), db: db)
        pending.reserveCapacity(batchRows)
    }

    private static func sql(_ prefix: String, _ columns: Int, _ rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return prefix + Array(repeating: row, count: rows).joined(separator: ",")
    }

    mutating func add(_ values: [SQLiteBinder.Value]) throws {
        pending.append(values)
        if pending.count == batchRows {
            try full.run(rows: pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// Writes the rows still pending; call before the transaction ends.
    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let tail = SQLiteBinder(try db.makeStatement(sql: Self.sql(prefix, columns, pending.count)), db: db)
        try tail.run(rows: pending)
        pending.removeAll(keepingCapacity: true)
    }
}
