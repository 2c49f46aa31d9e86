/// Converts many instants close together to local times, keeping the calendar date of the last day
/// it met instead of working it out again for each instant.
///
/// Why: a nearest answer writes a dozen local times (the query time, each result's arrival and next
/// change), nearly all on one or two days; the day-number-to-date arithmetic was the larger part of
/// each conversion. Gives exactly ``HoursTimeZone/local(epochSeconds:)``.
public struct LocalClock {
    public let timeZone: HoursTimeZone
    private var dayNumber = Int.min
    private var date = (year: 0, month: 0, day: 0)

    public init(timeZone: HoursTimeZone) {
        self.timeZone = timeZone
    }

    public mutating func local(epochSeconds t: Int64) -> LocalDateTime {
        let minutes = CivilDate.floorDiv(t + Int64(timeZone.offsetSeconds(atEpochSeconds: t)), 60)
        let day = Int(CivilDate.floorDiv(minutes, 1440))
        if day != dayNumber {
            dayNumber = day
            date = CivilDate.date(dayNumber: day)
        }
        return LocalDateTime(date: date, minuteOfDay: Int(minutes - Int64(day) * 1440))
    }
}
