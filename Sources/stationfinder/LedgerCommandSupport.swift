import ArgumentParser
import Foundation
import StationApp
import StationCore
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
            throw ValidationError(error.description)
        }
    }

    /// Opens a ledger that `setup` has filled with districts, read-only unless told otherwise.
    static func openSetUp(_ options: DatabaseOptions, _ access: StationDatabase.Access = .readOnly) async throws -> any LedgerStore {
        do {
            return try await options.address.openSetUp(access)
        } catch let error as LedgerOpenError {
            throw ValidationError(error.description)
        }
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
