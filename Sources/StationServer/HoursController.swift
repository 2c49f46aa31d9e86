import Foundation
import Hummingbird
import StationApp
import StationCore

/// `GET /v1/hours/check`: evaluates an opening_hours expression, as `stationfinder hours` does.
struct HoursController: Sendable {
    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.hoursCheck, use: check)
    }

    struct Answer: Encodable {
        var expr: String
        var at: String
        var state: String
        var next_change: String?
        var warning: String?
    }

    @Sendable func check(_ request: Request, context: StationRequestContext) async throws -> Response {
        let query = QueryReader(request)
        let expr = try query.required("expr")
        let at = try query.localTime("at")
        let hours: OpeningHours
        do {
            hours = try OpeningHours.parse(expr)
        } catch {
            throw APIError.invalid("expr", "invalid opening_hours: \(error.description)")
        }
        var warning: String?
        if hours.usesPublicHolidays && !HolidayCalendar.china.covers(year: at.year) {
            warning = "the holiday calendar does not cover \(at.year); PH rules evaluate to unknown"
        }
        let answer = Answer(
            expr: expr, at: at.isoString, state: hours.state(at: at).rawValue,
            next_change: hours.nextChange(after: at)?.isoString, warning: warning)
        return Response.json(try JSONEncoder.sorted.encode(answer))
    }
}

extension QueryReader {
    /// A local Asia/Shanghai time (`YYYY-MM-DDTHH:MM`, or with an offset); now when absent or `now`.
    func localTime(_ name: String, clock: ServiceClock = .system) throws -> LocalDateTime {
        HoursTimeZone.shanghai.local(epochSeconds: try epochSeconds(name, clock: clock))
    }

    /// The same time as epoch seconds.
    func epochSeconds(_ name: String, clock: ServiceClock = .system) throws -> Int64 {
        try QueryInput.instant(string(name), field: name, nowEpochSeconds: clock.nowEpochSeconds())
    }
}
