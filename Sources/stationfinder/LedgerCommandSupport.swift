import ArgumentParser
import Foundation
import StationApp
import StationCore
import StationPostgres
import StationStore

/// Shared pieces of the ledger commands: file arguments, opening the database, reporting a
/// refused import on standard error with a non-zero exit status.
enum LedgerCLI {
    /// Opens the ledger, turning a failure into a sentence. Read-only commands pass `.readOnly`:
    /// they never write (no migration either) and refuse a missing ledger.
    static func open(_ options: DatabaseOptions, _ access: StationDatabase.Access) async throws -> any LedgerStore {
        do {
            return try await options.address.open(access)
        } catch let error as LedgerOpenError {
            throw failure(error)
        }
    }

    /// Opens the ledger at `address` (commands with two ledgers, such as `migrate`).
    static func open(address: LedgerAddress, _ access: StationDatabase.Access) async throws -> any LedgerStore {
        do {
            return try await address.open(access)
        } catch let error as LedgerOpenError {
            throw failure(error)
        }
    }

    /// Opens a ledger that `setup` has filled with districts, read-only unless told otherwise.
    static func openSetUp(_ options: DatabaseOptions, _ access: StationDatabase.Access = .readOnly) async throws -> any LedgerStore {
        do {
            return try await options.address.openSetUp(access)
        } catch let error as LedgerOpenError {
            throw failure(error)
        }
    }

    /// A ledger that would not open: a usage mistake (shown with the command's usage), or a database
    /// server that is down or refused us (one line on stderr, exit status 1).
    private static func failure(_ error: LedgerOpenError) -> any Error {
        if error.isUsageMistake { return ValidationError(error.description) }
        printError("error: \(error.description)")
        return ExitCode(1)
    }

    /// Runs `body`; a refused ledger or a store error is printed to stderr and exits with 1.
    static func reportingFailures<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LedgerImportError {
            printError(error.description)
            throw ExitCode(1)
        } catch let error as ImportRefusal {
            printError("refused, nothing imported: \(error)")
            throw ExitCode(1)
        } catch let error as StoreError {
            printError("error: \(error)")
            throw ExitCode(1)
        } catch let error as LedgerUnavailableError {
            printError("error: \(error)")
            throw ExitCode(1)
        } catch let error as PostgresServerError {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Pretty JSON with keys in a stable order.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
