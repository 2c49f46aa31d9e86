import ArgumentParser
import Foundation
import StationApp

/// The `--db` option shared by every command that opens the ledger.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The ledger: a SQLite file, or postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: $STATIONFINDER_DB, else ./stationfinder.db).")
    var db: String?

    /// The ledger to open: `--db`, then `STATIONFINDER_DB`, then `stationfinder.db` here.
    var address: LedgerAddress { LedgerAddress.resolve(option: db) }

    /// The ledger's address as messages print it (a PostgreSQL URL without its password).
    var path: String { address.display }
}
