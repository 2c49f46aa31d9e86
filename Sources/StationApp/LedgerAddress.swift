import Foundation
import StationStore

/// Where a ledger is, as `--db`, `STATIONFINDER_DB` or `serve`'s arguments write it: a SQLite file
/// path today (a database URL once another engine conforms to ``LedgerStore``).
public struct LedgerAddress: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    /// `--db`, else `STATIONFINDER_DB`, else `stationfinder.db` in the working directory.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> LedgerAddress {
        if let option { return LedgerAddress(option) }
        if let env = environment["STATIONFINDER_DB"], !env.isEmpty { return LedgerAddress(env) }
        return LedgerAddress("stationfinder.db")
    }

    public var description: String { text }

    /// Opens the ledger. `.readWrite` creates a missing SQLite file and migrates the schema;
    /// `.readOnly` never writes and refuses a missing ledger or one without districts, naming the fix.
    public func open(_ access: StationDatabase.Access) async throws -> any LedgerStore {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            throw LedgerOpenError(address: self, reason: "cannot open \(text): PostgreSQL ledgers are not supported by this build; use a SQLite file path")
        }
        if access == .readOnly, !FileManager.default.fileExists(atPath: text) {
            throw LedgerOpenError(address: self, reason: "no database at \(text); run `stationfinder setup` first (or pass --db)")
        }
        let store: StationDatabase
        do {
            store = try StationDatabase(path: text, access: access)
        } catch let error as StoreError {
            throw LedgerOpenError(address: self, reason: error.description)
        } catch {
            throw LedgerOpenError(address: self, reason: "cannot open database \(text): \(error)")
        }
        return store
    }

    /// Opens the ledger read-only and refuses one that `setup` never filled with districts.
    public func openSetUp(_ access: StationDatabase.Access = .readOnly) async throws -> any LedgerStore {
        let store = try await open(access)
        guard try await !store.districts().isEmpty else {
            throw LedgerOpenError(address: self, reason: "no districts in \(text); run `stationfinder setup` to load geodata first")
        }
        return store
    }
}

/// A ledger that could not be opened: where, and why, in words a clerk can act on.
public struct LedgerOpenError: Error, Sendable, CustomStringConvertible {
    public let address: LedgerAddress
    public let reason: String

    public var description: String { reason }
}
