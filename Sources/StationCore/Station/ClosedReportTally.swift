/// The field reports that say a station was found closed, as answers need them: per station, the times of
/// its unresolved `closed` reports, so a result can carry how many fell in the last 7 days.
///
/// Pure: the caller loads the reports and passes the present time (the core has no clock).
public struct ClosedReportTally: Sendable {
    /// Station id -> report times (epoch seconds), ascending.
    private let times: [String: [Int64]]

    /// The window counted back from now: 7 days.
    public static let windowSeconds: Int64 = 7 * 86_400

    /// `reports`: one (station id, report time) per unresolved `closed` report, in any order.
    public init(reports: [(stationID: String, atEpochSeconds: Int64)] = []) {
        var times: [String: [Int64]] = [:]
        for r in reports { times[r.stationID, default: []].append(r.atEpochSeconds) }
        self.times = times.mapValues { $0.sorted() }
    }

    public var isEmpty: Bool { times.isEmpty }

    /// Reports of the station within the window ending now: `now - 7 days < t <= now`.
    public func count(stationID: String, nowEpochSeconds now: Int64) -> Int {
        guard let list = times[stationID] else { return 0 }
        var n = 0
        for t in list where t > now - Self.windowSeconds && t <= now { n += 1 }
        return n
    }

    /// Sets ``NearestResult/closedReports7d`` on the answer's results and alternatives.
    public func annotate(_ answer: inout NearestAnswer, nowEpochSeconds now: Int64) {
        guard !isEmpty else { return }
        annotate(&answer.results, now: now)
        for i in answer.alternatives.indices { annotate(&answer.alternatives[i].station, now: now) }
    }

    /// Sets ``AlongResult/closedReports7d`` on the answer's results and alternatives.
    public func annotate(_ answer: inout AlongAnswer, nowEpochSeconds now: Int64) {
        guard !isEmpty else { return }
        annotate(&answer.results, now: now)
        for i in answer.alternatives.indices { annotate(&answer.alternatives[i].station, now: now) }
    }

    private func annotate<R: CarriesClosedReports>(_ results: inout [R], now: Int64) {
        for i in results.indices { annotate(&results[i], now: now) }
    }

    private func annotate<R: CarriesClosedReports>(_ result: inout R, now: Int64) {
        result.closedReports7d = count(stationID: result.id, nowEpochSeconds: now)
    }
}

/// A station in an answer that can carry its count of recent `closed` reports.
protocol CarriesClosedReports {
    var id: String { get }
    var closedReports7d: Int { get set }
}

extension NearestResult: CarriesClosedReports {}
extension AlongResult: CarriesClosedReports {}
