import Foundation
import StationPostgres
import StationStore

/// Where a ledger is, as `--db`, `STATIONFINDER_DB` or `serve`'s arguments write it: a SQLite file
/// path, or a PostgreSQL URL (`postgres://user:password@host:port/database`, see ``PostgresAddress``).
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

    /// The address as messages show it: a PostgreSQL URL without its password.
    public var display: String {
        guard PostgresAddress.isPostgres(text) else { return text }
        return (try? PostgresAddress(text).description) ?? PostgresAddressError.masked(text)
    }

    /// Opens the ledger. `.readWrite` creates a missing SQLite file and migrates the schema;
    /// `.readOnly` never writes and refuses a missing ledger or one without districts, naming the fix.
    public func open(_ access: StationDatabase.Access) async throws -> any LedgerStore {
        if PostgresAddress.isPostgres(text) { return try await openPostgres(access) }
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

    /// Opens a PostgreSQL ledger; every failure becomes one sentence naming the server and the reason.
    private func openPostgres(_ access: StationDatabase.Access) async throws -> any LedgerStore {
        let address: PostgresAddress
        do {
            address = try PostgresAddress(text)
        } catch {
            throw LedgerOpenError(address: self, reason: error.description)
        }
        do {
            return try await PostgresLedger(address: address, access: access)
        } catch let error as LedgerUnavailableError {
            throw LedgerOpenError(address: self, reason: "cannot reach the PostgreSQL server at \(address.hostAndPort) (\(address)): \(error.reason)",
                                  isUsageMistake: false)
        } catch let error as PostgresServerError {
            throw LedgerOpenError(address: self, reason: "cannot open \(address): \(error)", isUsageMistake: false)
        } catch let error as StoreError {
            throw LedgerOpenError(address: self, reason: error.description)
        } catch {
            throw LedgerOpenError(address: self, reason: "cannot open \(address): \(error)", isUsageMistake: false)
        }
    }

    /// Opens the ledger read-only and refuses one that `setup` never filled with districts.
    public func openSetUp(_ access: StationDatabase.Access = .readOnly) async throws -> any LedgerStore {
        let store = try await open(access)
        guard try await !store.districts().isEmpty else {
            throw LedgerOpenError(address: self, reason: "no districts in \(store.location); run `stationfinder setup` to load geodata first")
        }
        return store
    }
}

/// A ledger that could not be opened: where, and why, in words a clerk can act on.
public struct LedgerOpenError: Error, Sendable, CustomStringConvertible {
    public let address: LedgerAddress
    public let reason: String
    /// True when the command line is at fault (a missing file, a bad URL); false when the database
    /// server is (unreachable, refused the login): the CLI shows usage only for the former.
    public let isUsageMistake: Bool

    public init(address: LedgerAddress, reason: String, isUsageMistake: Bool = true) {
        self.address = address
        self.reason = reason
        self.isUsageMistake = isUsageMistake
    }

    public var description: String { reason }
}
