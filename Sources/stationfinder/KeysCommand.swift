import ArgumentParser
import Foundation
import StationStore

/// `stationfinder keys`: create, revoke and list API keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage API keys (the secret is shown once; only its SHA-256 is stored).",
        subcommands: [Create.self, Revoke.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print its secret once.")

        @Option(help: "editor (changes the ledger), auditor (reads history) or member (a worker of --org).")
        var role: KeyRole

        @Option(help: "Organization of a member key: its grade C stations admit the holder.")
        var org: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if role == .member && (org ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("a member key needs --org (the organization whose C stations it opens)")
            }
        }

        func run() async throws {
            let db = try await LedgerCLI.open(database, .readWrite)
            let (id, secret) = try await db.createKey(role: role, organization: org)
            print("id:     \(id)")
            print("role:   \(role.rawValue)\(org.map { " (\($0))" } ?? "")")
            print("secret: \(secret)")
            print("The secret is shown only now; store it safely. Send it as: Authorization: Bearer <secret>")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id.")

        @Argument(help: "Key id (see `keys list`).") var id: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await LedgerCLI.open(database, .readWrite)
            try await LedgerCLI.reportingFailures { try await db.revokeKey(id: id) }
            print("revoked \(id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @Flag(help: "Print a JSON array.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await LedgerCLI.open(database, .readOnly)
            let keys = try await db.listKeys()
            if json {
                print(try LedgerCLI.json(keys))
                return
            }
            for k in keys {
                let state = k.revokedAt.map { "revoked \($0)" } ?? "active"
                print([k.id, k.role.rawValue, k.organization ?? "-", "created \(k.createdAt)", state].joined(separator: "\t"))
            }
            print("\(keys.count) \(keys.count == 1 ? "key" : "keys")")
        }
    }
}

extension KeyRole: ExpressibleByArgument {}
