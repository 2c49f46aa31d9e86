import StationCore
import StationStore
import Synchronization

/// Field reports as the front ends use them: filing (rate limited), and the tally of recent `closed`
/// reports that nearest and along answers carry, reloaded from the store after every report write.
public final class FieldReportService: Sendable {
    public let store: any LedgerStore
    public let clock: ServiceClock
    public let limiter: ReportRateLimiter
    private let tally: Mutex<ClosedReportTally>

    public init(store: any LedgerStore, clock: ServiceClock, limiter: ReportRateLimiter = ReportRateLimiter()) async throws {
        self.store = store
        self.clock = clock
        self.limiter = limiter
        tally = Mutex(try await store.closedReportTally(nowEpochSeconds: clock.nowEpochSeconds()))
    }

    /// The tally in force now.
    public var closedReports: ClosedReportTally { tally.withLock { $0 } }

    /// Runs a report write, then reloads the tally so answers count it at once.
    public func write<T>(_ body: (any LedgerStore) async throws -> T) async throws -> T {
        let result = try await body(store)
        try await reloadTally()
        return result
    }

    /// Reloads the tally from the store (after this process's report writes, and when a change feed
    /// says another replica wrote).
    public func reloadTally() async throws {
        let fresh = try await store.closedReportTally(nowEpochSeconds: clock.nowEpochSeconds())
        tally.withLock { $0 = fresh }
    }
}
