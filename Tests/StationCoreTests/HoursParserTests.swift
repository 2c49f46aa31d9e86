import Testing
@testable import StationCore

/// Hand-checked answers for the common opening_hours forms.
@Suite struct HoursParserTests {
    func state(_ expr: String, _ at: String, calendar: HolidayCalendar = .china) throws -> OpeningState {
        let hours = try OpeningHours.parse(expr)
        let time = try #require(LocalDateTime(iso: at))
        return hours.state(at: time, calendar: calendar)
    }

    @Test func weekdaysAndTimes() throws {
        // 2026-11-23 is a Monday, 2026-11-28 a Saturday.
        #expect(try state("Mo-Fr 08:30-17:30", "2026-11-23T08:29") == .closed)
        #expect(try state("Mo-Fr 08:30-17:30", "2026-11-23T08:30") == .open)
        #expect(try state("Mo-Fr 08:30-17:30", "2026-11-23T17:29") == .open)
        #expect(try state("Mo-Fr 08:30-17:30", "2026-11-23T17:30") == .closed)
        #expect(try state("Mo-Fr 08:30-17:30", "2026-11-28T10:00") == .closed)
        #expect(try state("Mo-Fr 08:00-12:00,13:00-17:00", "2026-11-23T12:30") == .closed)
        #expect(try state("Mo-Fr 08:00-12:00,13:00-17:00", "2026-11-23T13:30") == .open)
        #expect(try state("Fr-Mo 10:00-12:00", "2026-11-22T11:00") == .open)   // Sunday inside the wrap
        #expect(try state("Fr-Mo 10:00-12:00", "2026-11-25T11:00") == .closed) // Wednesday
    }

    @Test func overnightAndOverride() throws {
        #expect(try state("Mo-Fr 22:00-02:00", "2026-11-28T01:00") == .open)      // Friday's night into Saturday
        #expect(try state("Mo-Fr 22:00-02:00", "2026-11-23T01:00") == .closed)    // Sunday night: none
        #expect(try state("22:00-26:00", "2026-11-23T01:59") == .open)
        // A later rule replaces the whole day, including the spill of the night before.
        #expect(try state("22:00-02:00; Tu 12:00-14:00", "2026-11-24T01:00") == .closed)
        #expect(try state("22:00-02:00; Tu 12:00-14:00", "2026-11-25T01:00") == .open)
        #expect(try state("Mo-Fr 10:00-20:00; We 10:00-16:00", "2026-11-25T18:00") == .closed)
        #expect(try state("Mo-Fr 10:00-20:00, We 17:00-21:00", "2026-11-25T20:30") == .open)
    }

    @Test func alwaysAndOff() throws {
        #expect(try state("24/7", "2026-11-23T03:00") == .open)
        #expect(try state("24/7; Su off", "2026-11-22T03:00") == .closed)
        #expect(try state("off", "2026-11-23T12:00") == .closed)
        #expect(try state("10:00+", "2026-11-23T12:00") == .unknown)
        #expect(try state("Mo-Fr 10:00-12:00 || \"call us\"", "2026-11-28T12:00") == .unknown)
    }

    @Test func errorsCarryPositions() {
        func error(_ expr: String) -> OpeningHoursError? {
            do { _ = try OpeningHours.parse(expr); return nil } catch { return error }
        }
        #expect(error("Mo-Fr 25:00-26:00")?.position == 7)
        #expect(error("Mo-Fx 08:00-12:00")?.position == 4)
        #expect(error("Mo-Fr 08:00-12:60")?.position == 16)
        #expect(error("")?.position == 1)
        #expect(error("Mo-Fr \"open")?.position == 7)
    }
}
