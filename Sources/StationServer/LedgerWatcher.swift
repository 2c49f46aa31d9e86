import Logging
import ServiceLifecycle
import StationApp
import StationStore

/// Keeps the server's snapshot current when another process changes the ledger (a CLI import, a
/// second server): every `interval` it asks the database for the ledger version and rebuilds the
/// snapshot when it moved, so nearest and the listings never answer from a stale index for more
/// than about a second. Used for SQLite, which announces nothing (PostgreSQL: ``LedgerFeedFollower``).
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
            let changed = try await ledger.refreshIfStale()
            LedgerStateLog.available(true, ledger: ledger, logger: logger)
            if changed { LedgerStateLog.rebuilt(ledger: ledger, logger: logger) }
        } catch {
            LedgerStateLog.available(false, ledger: ledger, logger: logger, reason: "\(error)")
        }
    }
}

/// Keeps the snapshot current from a ledger's change feed (PostgreSQL LISTEN/NOTIFY): each announced
/// version newer than the snapshot's brings a rebuild; after every (re)connection the versions are
/// compared, since announcements made while disconnected are lost. Field reports announce themselves
/// the same way, so every replica's nearest and along answers count another replica's `closed` reports.
struct LedgerFeedFollower: Service {
    let ledger: LedgerService
    let feed: any LedgerChangeFeed
    /// Its tally of recent `closed` reports is reloaded with every announcement (reports announce too).
    let reports: FieldReportService
    let logger: Logger

    func run() async throws {
        // The feed returns when its task is cancelled, which graceful shutdown does.
        await cancelWhenGracefulShutdown {
            await feed.followChanges { event in await handle(event) }
        }
    }

    private func handle(_ event: LedgerFeedEvent) async {
        switch event {
        case .connected:
            await refresh(toVersion: nil)
        case .changed(let version):
            await refresh(toVersion: version)
        case .lost(let reason):
            LedgerStateLog.available(false, ledger: ledger, logger: logger, reason: reason)
        }
    }

    private func refresh(toVersion version: Int64?) async {
        do {
            let changed = try await ledger.refresh(toVersion: version)
            try await reports.reloadTally()
            LedgerStateLog.available(true, ledger: ledger, logger: logger)
            if changed { LedgerStateLog.rebuilt(ledger: ledger, logger: logger) }
        } catch {
            LedgerStateLog.available(false, ledger: ledger, logger: logger, reason: "\(error)")
        }
    }
}

/// The followers' log lines: one per change of availability (not one per retry), one per rebuild.
enum LedgerStateLog {
    static func available(_ available: Bool, ledger: LedgerService, logger: Logger, reason: String? = nil) {
        guard ledger.markAvailable(available) else { return }
        if available {
            logger.notice("ledger available again", metadata: ["ledger_version": "\(ledger.snapshot.ledgerVersion)"])
        } else {
            logger.error("ledger unavailable; answering reads from the last snapshot, refusing writes", metadata: [
                "reason": "\(reason ?? "unknown")", "ledger_version": "\(ledger.snapshot.ledgerVersion)",
            ])
        }
    }

    static func rebuilt(ledger: LedgerService, logger: Logger) {
        logger.info("ledger changed by another process; snapshot rebuilt", metadata: [
            "ledger_version": "\(ledger.snapshot.ledgerVersion)",
            "stations_indexed": "\(ledger.snapshot.catalog.indexedCount)",
        ])
    }
}
