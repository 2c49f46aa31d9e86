import StationCore
import StationGeometry

extension QueryReader {
    /// The time a coverage or map question is about, from `at` (default now) or `any_time=true`
    /// (open at some point of the week holding `at`); both together are refused.
    func coverageTime() throws -> CoverageTime {
        let anyTime = try bool("any_time")
        if anyTime && string("at") != nil {
            throw APIError.invalid("any_time", "give either at or any_time, not both")
        }
        let at = try epochSeconds("at")
        return anyTime
            ? .anyTimeInWeek(startingEpochSeconds: LocalWeek.mondayStart(containing: at)) : .at(epochSeconds: at)
    }
}
