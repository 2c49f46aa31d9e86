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
        for i in answer.results.indices {
            answer.results[i].closedReports7d = count(stationID: answer.results[i].id, nowEpochSeconds: now)
        }
        for i in answer.alternatives.indices {
            let s = answer.alternatives[i].station
            answer.alternatives[i].station.closedReports7d = count(stationID: s.id, nowEpochSeconds: now)
        }
    }

    /// Sets ``AlongResult/closedReports7d`` on the answer's results and alternatives.
    public func annotate(_ answer: inout AlongAnswer, nowEpochSeconds now: Int64) {
        guard !isEmpty else { return }
        for i in answer.results.indices {
            answer.results[i].closedReports7d = count(stationID: answer.results[i].id, nowEpochSeconds: now)
        }
        for i in answer.alternatives.indices {
            let s = answer.alternatives[i].station
            answer.alternatives[i].station.closedReports7d = count(stationID: s.id, nowEpochSeconds: now)
        }
    }
}
