import Foundation
import Testing
@testable import StationCore

/// China's holiday calendar, the make-up-day rule, unknown answers outside the calendar, and the
/// calendar arithmetic underneath (checked against Foundation's Gregorian and ISO 8601 calendars).
@Suite struct HoursCalendarTests {
    func at(_ iso: String) throws -> LocalDateTime { try #require(LocalDateTime(iso: iso)) }

    @Test func officeHoursAroundNationalDay2025() throws {
        let hours = try OpeningHours.parse("Mo-Fr 08:30-17:30; PH off")
        #expect(hours.usesPublicHolidays)
        #expect(hours.state(at: try at("2025-09-30T10:00")) == .open)    // Tuesday, working day
        #expect(hours.state(at: try at("2025-10-01T10:00")) == .closed)  // Wednesday, National Day
        #expect(hours.state(at: try at("2025-10-08T10:00")) == .closed)  // Wednesday, last day off
        #expect(hours.state(at: try at("2025-10-09T10:00")) == .open)
        #expect(hours.state(at: try at("2025-10-11T10:00")) == .open)    // Saturday, make-up working day
        #expect(hours.state(at: try at("2025-10-11T18:00")) == .closed)
        #expect(hours.state(at: try at("2025-10-12T10:00")) == .closed)  // ordinary Sunday
        #expect(hours.state(at: try at("2025-09-28T10:00")) == .open)    // Sunday, make-up working day
    }

    @Test func spring2026() throws {
        let hours = try OpeningHours.parse("Mo-Fr 08:30-17:30; PH off")
        #expect(hours.state(at: try at("2026-01-04T09:00")) == .open)    // Sunday make-up day
        #expect(hours.state(at: try at("2026-02-14T09:00")) == .open)    // Saturday make-up day
        #expect(hours.state(at: try at("2026-02-16T09:00")) == .closed)  // Monday in Spring Festival
        #expect(hours.state(at: try at("2026-02-23T09:00")) == .closed)  // Monday, last day off
        #expect(hours.state(at: try at("2026-02-24T09:00")) == .open)
        #expect(hours.state(at: try at("2026-02-28T09:00")) == .open)    // Saturday make-up day
        #expect(hours.state(at: try at("2026-10-10T09:00")) == .open)    // Saturday make-up day
    }

    @Test func makeUpDayMatchesRangesThatTouchWorkingDays() throws {
        let saturday = try at("2025-10-11T11:00")  // make-up working day
        #expect(try OpeningHours.parse("Sa-Su 10:00-16:00").state(at: saturday) == .closed)
        #expect(try OpeningHours.parse("Sa 10:00-16:00").state(at: saturday) == .closed)
        #expect(try OpeningHours.parse("Mo-Su 09:00-18:00").state(at: saturday) == .open)
        #expect(try OpeningHours.parse("Fr-Sa 09:00-18:00").state(at: saturday) == .open)
        #expect(try OpeningHours.parse("Mo-Fr 09:00-17:00; Sa 09:00-10:00").state(at: saturday) == .open)
        // Constrained weekdays keep their calendar meaning: 2025-10-11 is the second Saturday.
        #expect(try OpeningHours.parse("Sa[2] 10:00-12:00").state(at: saturday) == .open)
        // An ordinary Saturday is unaffected.
        #expect(try OpeningHours.parse("Sa-Su 10:00-16:00").state(at: try at("2025-10-18T11:00")) == .open)
    }

    @Test func publicHolidaySelector() throws {
        let hours = try OpeningHours.parse("Mo-Su 07:00-23:00; PH 09:00-17:00")
        #expect(hours.state(at: try at("2025-05-01T08:00")) == .closed)
        #expect(hours.state(at: try at("2025-05-01T10:00")) == .open)
        #expect(hours.state(at: try at("2025-05-06T08:00")) == .open)
        #expect(try OpeningHours.parse("PH off; 24/7").state(at: try at("2025-05-01T10:00")) == .open)
        #expect(try OpeningHours.parse("24/7; PH off").state(at: try at("2025-05-01T10:00")) == .closed)
    }

    @Test func uncoveredYearIsUnknownOnlyWherePHMatters() throws {
        let hours = try OpeningHours.parse("Mo-Fr 08:30-17:30; PH off")
        let monday = try at("2027-03-01T10:00")
        #expect(!HolidayCalendar.china.covers(year: 2027))
        #expect(hours.state(at: monday) == .unknown)
        #expect(hours.lacksHolidayData(at: monday))
        #expect(hours.state(at: try at("2027-03-01T20:00")) == .closed)  // closed either way
        #expect(hours.state(at: try at("2027-03-06T10:00")) == .closed)  // Saturday: closed either way
        let noPH = try OpeningHours.parse("Mo-Fr 08:30-17:30")
        #expect(noPH.state(at: monday) == .open)
        #expect(!noPH.lacksHolidayData(at: monday))
        #expect(hours.state(at: monday, calendar: .none) == .unknown)
    }

    @Test func embeddedDataMatchesGeodataFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("geodata/holidays")
        for year in HolidayCalendar.china.years {
            let url = folder.appendingPathComponent("china-\(year.year).json")
            let data = try Data(contentsOf: url)
            let fromFile = try JSONDecoder().decode(HolidayYear.self, from: data)
            #expect(fromFile == year, "geodata/holidays/china-\(year.year).json differs from ChinaHolidays.swift")
            #expect(HolidayCalendar.validate(fromFile).isEmpty)
        }
        #expect(HolidayCalendar.china.years.map(\.year) == [2025, 2026])
        #expect(HolidayCalendar.china.years[0].holidays.count == 28)
        #expect(HolidayCalendar.china.years[1].holidays.count == 33)
    }

    @Test func validationCatchesBadRecords() {
        let bad = HolidayYear(year: 2025, holidays: ["2025-02-30", "2024-12-31"], workdays: ["2025-01-27"], source: "test")
        #expect(HolidayCalendar.validate(bad).count == 3)
    }

    @Test func civilDateAgreesWithFoundation() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        var rng = SplitMix64(seed: 31)
        for _ in 0..<3000 {
            let day = Int(rng.next() % 80_000) - 20_000
            let date = Date(timeIntervalSince1970: Double(day) * 86_400)
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: date)
            let mine = CivilDate.date(dayNumber: day)
            #expect(mine.year == parts.year && mine.month == parts.month && mine.day == parts.day)
            #expect(CivilDate.dayNumber(year: mine.year, month: mine.month, day: mine.day) == day)
            #expect((CivilDate.weekday(dayNumber: day) + 1) % 7 + 1 == parts.weekday)  // Foundation: 1 = Sunday
            #expect(CivilDate.isoWeek(dayNumber: day) == iso.component(.weekOfYear, from: date))
        }
        // Easter Sundays from published tables.
        for (y, m, d) in [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2014, 4, 20), (2000, 4, 23)] {
            #expect(CivilDate.easter(year: y) == CivilDate.dayNumber(year: y, month: m, day: d))
        }
    }

    @Test func localDateTimeParsing() throws {
        #expect(LocalDateTime(iso: "2026-10-01T08:30")?.isoString == "2026-10-01T08:30")
        #expect(LocalDateTime(iso: "2026-10-01T08:30:59")?.isoString == "2026-10-01T08:30")
        #expect(LocalDateTime(iso: "2026-10-01T00:30Z")?.isoString == "2026-10-01T08:30")
        #expect(LocalDateTime(iso: "2026-09-30T20:30-04:00")?.isoString == "2026-10-01T08:30")
        #expect(LocalDateTime(iso: "2026-02-29T08:30") == nil)
        #expect(LocalDateTime(iso: "2026-10-01 08:30") != nil)
        #expect(LocalDateTime(iso: "2026-10-01T24:00") == nil)
        #expect(LocalDateTime(iso: "garbage") == nil)
    }

    @Test func timeZones() throws {
        let t: Int64 = 1_790_000_000  // 2026-09-21T14:13:20Z
        #expect(HoursTimeZone.shanghai.local(epochSeconds: t).isoString == "2026-09-21T22:13")
        #expect(HoursTimeZone.shanghai.epochSeconds(try at("2026-09-21T22:13")) == t - 20)
        let berlin = try #require(HoursTimeZone(identifier: "Europe/Berlin"))
        #expect(berlin.local(epochSeconds: t).isoString == "2026-09-21T16:13")       // CEST, UTC+2
        #expect(berlin.local(epochSeconds: t + 90 * 86_400).isoString == "2026-12-20T15:13")  // CET
        #expect(berlin.epochSeconds(try at("2026-12-20T15:13")) == t + 90 * 86_400 - 20)
        #expect(HoursTimeZone(identifier: "Mars/Olympus") == nil)
        #expect(HoursTimeZone(identifier: "+05:30")?.local(epochSeconds: 0).isoString == "1970-01-01T05:30")
    }
}

@Suite("Local clock")
struct LocalClockTests {
    @Test("the same local times as HoursTimeZone.local for instants near each other and far apart")
    func agreesWithTimeZone() {
        var rng = SplitMix64(seed: 808)
        for zone in [HoursTimeZone.shanghai, HoursTimeZone.utc, HoursTimeZone(identifier: "UTC-05:30", fixedOffsetSeconds: -19_800)] {
            var clock = LocalClock(timeZone: zone)
            var t: Int64 = 1_795_297_500
            for i in 0..<20_000 {
                // Mostly steps of minutes to hours, now and then a jump of years either way.
                t += i % 97 == 0 ? Int64(rng.next() % 400_000_000) - 200_000_000 : Int64(rng.next() % 20_000) - 5_000
                #expect(clock.local(epochSeconds: t) == zone.local(epochSeconds: t), "\(zone.identifier) \(t)")
            }
        }
    }
}
