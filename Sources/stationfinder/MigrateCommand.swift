import ArgumentParser
import Foundation
import StationApp
import StationStore

/// `stationfinder migrate`: copies a whole ledger between engines (SQLite file <-> PostgreSQL).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a whole ledger (districts, population, stations, history, API keys, field reports) between a SQLite file and PostgreSQL.",
        discussion: """
            The copy is one transaction on the target: all of it or nothing. API keys travel as their stored \
            hashes, so existing secrets keep working. A target that holds anything is refused unless --replace.
            """
    )

    @Option(help: "The ledger to copy: a SQLite file or postgres://USER:PASSWORD@HOST:PORT/DATABASE.") var from: String
    @Option(help: "Where to copy it: a SQLite file (created when missing) or a PostgreSQL URL.") var to: String
    @Flag(help: "Replace whatever the target holds.") var replace = false

    func validate() throws {
        guard from != to else { throw ValidationError("--from and --to are the same ledger (\(from))") }
    }

    func run() async throws {
        try await LedgerCLI.reportingFailures {
            let source = try await LedgerCLI.open(address: LedgerAddress(from), .readOnly)
            let target = try await LedgerCLI.open(address: LedgerAddress(to), .readWrite)
            guard let reader = source as? any LedgerTransfer, let writer = target as? any LedgerTransfer else {
                LedgerCLI.printError("error: one of the ledgers cannot be copied by this build")
                throw ExitCode(1)
            }
            if try await !writer.isEmpty(), !replace {
                LedgerCLI.printError("refused: \(target.location) already holds a ledger; pass --replace to overwrite it")
                throw ExitCode(1)
            }
            let started = Date()
            let contents = try await reader.contents()
            try await writer.replaceContents(with: contents)
            let seconds = Date().timeIntervalSince(started)
            print("copied \(contents.summary) from \(source.location) to \(target.location) "
                + "(ledger version \(contents.version), \(String(format: "%.1f", seconds)) s)")
        }
    }
}
