import StationCore
import StationStore
import Synchronization

/// Field reports as the routes use them: filing (rate limited), and the tally of recent `closed` reports
/// that nearest and along answers carry, reloaded from the database after every report write.
public final class FieldReportService: Sendable {
    public let database: StationDatabase
    public let clock: ServiceClock
    public let limiter: ReportRateLimiter
    private let tally: Mutex<ClosedReportTally>

    public init(database: StationDatabase, clock: ServiceClock, limiter: ReportRateLimiter = ReportRateLimiter()) throws {
        self.database = database
        self.clock = clock
        self.limiter = limiter
        tally = Mutex(try database.closedReportTally(nowEpochSeconds: clock.nowEpochSeconds()))
    }

    /// The tally in force now.
    public var closedReports: ClosedReportTally { tally.withLock { $0 } }

    /// Runs a report write, then reloads the tally so answers count it at once.
    public func write<T>(_ body: (StationDatabase) throws -> T) throws -> T {
        let result = try body(database)
        let fresh = try database.closedReportTally(nowEpochSeconds: clock.nowEpochSeconds())
        tally.withLock { $0 = fresh }
        return result
    }
}
