import StationApp
import StationCore
import StationGeometry

extension QueryReader {
    /// The time a coverage or map question is about, from `at` (default now) or `any_time=true`
    /// (open at some point of the week holding `at`); both together are refused.
    func coverageTime() throws -> CoverageTime {
        try QueryInput.coverageTime(at: string("at"), anyTime: try bool("any_time"), label: "at",
                                    nowEpochSeconds: ServiceClock.system.nowEpochSeconds())
    }
}
