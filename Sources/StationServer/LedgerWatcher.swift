import Logging
import ServiceLifecycle
import StationApp

/// Keeps the server's snapshot current when another process changes the ledger (a CLI import, a
/// second server): every `interval` it asks the database for the ledger version and rebuilds the
/// snapshot when it moved, so nearest and the listings never answer from a stale index for more
/// than about a second.
struct LedgerWatcher: Service {
    let ledger: LedgerService
    var interval: Duration = .milliseconds(500)
    let logger: Logger

    func run() async throws {
        // Ends when the server begins its graceful shutdown (the sleep is cancelled).
        try? await cancelOnGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                await check()
            }
        }
    }

    private func check() async {
        do {
            if try await ledger.refreshIfStale() {
                logger.info("ledger changed by another process; snapshot rebuilt", metadata: [
                    "ledger_version": "\(ledger.snapshot.ledgerVersion)",
                    "stations_indexed": "\(ledger.snapshot.catalog.indexedCount)",
                ])
            }
        } catch {
            logger.error("ledger check failed", metadata: ["error": "\(error)"])
        }
    }
}
