import StationCore

extension CompiledHours: StationSchedule {}

extension CoverageStation {
    /// Coverage stations for ledger stations, compiling each distinct opening-hours text once.
    ///
    /// Hours that fail to parse (the store validates them on import, so only hand-made data) count
    /// as never open: a station whose hours nobody can read cannot be promised to anyone.
    public static func fromLedger(_ stations: [Station], calendar: HolidayCalendar = .china,
                                  timeZone: HoursTimeZone = .shanghai) -> [CoverageStation] {
        var compiled: [String: any StationSchedule] = [:]
        return stations.map { station in
            let schedule: any StationSchedule
            if let known = compiled[station.openingHours] {
                schedule = known
            } else {
                if let hours = try? OpeningHours.parse(station.openingHours) {
                    schedule = CompiledHours(hours, calendar: calendar, timeZone: timeZone)
                } else {
                    schedule = NeverOpen()
                }
                compiled[station.openingHours] = schedule
            }
            return CoverageStation(id: station.id, location: station.location, isPublic: station.grade.isPublic,
                                   isActive: station.status == .active, schedule: schedule)
        }
    }
}
