import ArgumentParser
import Foundation

/// The `--db` option shared by every command that opens the ledger.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database file (default: $STATIONFINDER_DB, else ./stationfinder.db).")
    var db: String?

    /// The path to open: `--db`, then `STATIONFINDER_DB`, then `stationfinder.db` here.
    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["STATIONFINDER_DB"], !env.isEmpty { return env }
        return "stationfinder.db"
    }
}
