import ArgumentParser
import Foundation
import StationCore
import StationStore

/// Shared pieces of the ledger commands: file arguments, opening the database, reporting a
/// refused import on standard error with a non-zero exit status.
enum LedgerCLI {
    /// Opens the database, turning a failure into a sentence.
    static func open(_ options: DatabaseOptions) throws -> StationDatabase {
        do {
            return try StationDatabase(path: options.path)
        } catch {
            throw ValidationError("cannot open database \(options.path): \(error)")
        }
    }

    /// Refuses a database file that does not exist or has no districts loaded, naming the fix.
    static func requireSetUp(_ options: DatabaseOptions) throws {
        guard FileManager.default.fileExists(atPath: options.path) else {
            throw ValidationError("no database at \(options.path); run `stationfinder setup` first (or pass --db)")
        }
        guard try !open(options).districts().isEmpty else {
            throw ValidationError("no districts in \(options.path); run `stationfinder setup` to load geodata first")
        }
    }

    /// Runs `body`; a refused ledger or a store error is printed to stderr and exits with 1.
    static func reportingFailures<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
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
