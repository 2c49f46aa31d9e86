import StationCore

/// Coverage for each hour of one week (Monday 00:00 to Sunday 23:00, local time) in one district.
public struct WeekProfile: Sendable, Codable, Hashable {
    /// One hour of the week.
    public struct Hour: Sendable, Codable, Hashable {
        /// 0 = Monday 00:00 ... 167 = Sunday 23:00.
        public var index: Int
        /// Local start of the hour, "YYYY-MM-DDTHH:MM".
        public var start: String
        public var coveragePct: Double
        /// Eligible stations inside the district open at the start of the hour.
        public var stations: Int
        /// Share of the demand layer's demand reached (nil without a layer, when it equals `coveragePct`).
        public var populationWeightedCoveragePct: Double? = nil

        enum CodingKeys: String, CodingKey {
            case index, start
            case coveragePct = "coverage_pct"
            case stations
            case populationWeightedCoveragePct = "population_weighted_coverage_pct"
        }
    }

    public var district: String
    public var name: String
    public var radiusM: Double
    /// Local date of the Monday, "YYYY-MM-DD".
    public var weekStart: String
    /// Whether members-only (grade C) stations counted.
    public var includeMembersOnly: Bool
    public var hours: [Hour]
    /// How many different sets of open stations the week had (each needed one union).
    public var distinctStationSets: Int
    /// "uniform" (demand spread evenly) or the demand layer's file name.
    public var demandSource: String = "uniform"

    enum CodingKeys: String, CodingKey {
        case district, name
        case radiusM = "radius_m"
        case weekStart = "week_start"
        case includeMembersOnly = "include_members_only"
        case hours
        case distinctStationSets = "distinct_station_sets"
        case demandSource = "demand_source"
    }
}

/// The Monday 00:00 that starts the week holding an instant.
public enum LocalWeek {
    /// Epoch seconds of local Monday 00:00 of the week containing `epochSeconds`.
    public static func mondayStart(containing epochSeconds: Int64, timeZone: HoursTimeZone = .shanghai) -> Int64 {
        let local = timeZone.local(epochSeconds: epochSeconds)
        // Day 0 (1970-01-01) was a Thursday: (day + 3) mod 7 counts days since Monday.
        let sinceMonday = ((local.dayNumber + 3) % 7 + 7) % 7
        guard let midnight = LocalDateTime(year: local.year, month: local.month, day: local.day) else { return epochSeconds }
        let approx = timeZone.epochSeconds(midnight) - Int64(sinceMonday) * 86_400
        // Re-anchor on local midnight in case the offset changed during those days.
        let monday = timeZone.local(epochSeconds: approx + 12 * 3600)
        guard let start = LocalDateTime(year: monday.year, month: monday.month, day: monday.day) else { return approx }
        return timeZone.epochSeconds(start)
    }
}
