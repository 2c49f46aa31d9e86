import Foundation
import Testing
@testable import StationCore

@Suite("Compiled hours: changes and constant schedules")
struct CompiledHoursChangesTests {
    /// An instant in Beijing time.
    static func at(_ iso: String) -> Int64 { HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: iso)!) }

    @Test("three spans on a working day: each state and the next change, read off the expression")
    func manyChangesADay() throws {
        let compiled = CompiledHours(try OpeningHours.parse("Mo-Fr 08:00-09:00,10:00-11:00,12:00-13:00"))
        // Monday 2026-11-23.
        let cases: [(String, OpeningState, String)] = [
            ("2026-11-23T07:00", .closed, "2026-11-23T08:00"),
            ("2026-11-23T08:00", .open, "2026-11-23T09:00"),
            ("2026-11-23T10:30", .open, "2026-11-23T11:00"),
            ("2026-11-23T11:59", .closed, "2026-11-23T12:00"),
            ("2026-11-23T12:30", .open, "2026-11-23T13:00"),
            ("2026-11-23T13:00", .closed, "2026-11-24T08:00"),
        ]
        for (time, state, next) in cases {
            let got = compiled.stateAndNextChange(atEpochSeconds: Self.at(time))
            #expect(got.state == state && got.nextChange == Self.at(next), "\(time)")
        }
    }

    @Test("constant schedules (24/7, off, unknown) know it, and answer as the exact evaluator does, years apart")
    func constantSchedules() throws {
        let expected: [String: OpeningState] = ["24/7": .open, "off": .closed, "24/7 unknown": .unknown]
        for (text, state) in expected {
            let hours = try OpeningHours.parse(text)
            let compiled = CompiledHours(hours)
            #expect(compiled.constantCode != nil, "\(text)")
            for iso in ["1999-02-03T04:05", "2026-02-17T12:00", "2026-12-03T23:59", "2090-06-01T00:00"] {
                let t = Self.at(iso)
                #expect(compiled.state(atEpochSeconds: t) == state, "\(text) \(iso)")
                #expect(hours.state(at: LocalDateTime(iso: iso)!, calendar: .china) == state, "\(text) \(iso)")
                #expect(compiled.nextChange(afterEpochSeconds: t) == nil)
                #expect(compiled.isOpenThroughout(fromEpochSeconds: t, seconds: 600) == (state == .open))
            }
        }
        #expect(CompiledHours(try OpeningHours.parse("Mo-Fr 09:00-17:00")).constantCode == nil)
        #expect(CompiledHours(try OpeningHours.parse("24/7; PH off")).constantCode == nil)
    }

    @Test("the default window covers the calendar's years and one either side, read from the calendar, not a clock")
    func defaultWindow() throws {
        let compiled = CompiledHours(try OpeningHours.parse("Apr-Oct Mo-Su 08:00-20:00"))
        // The bundled calendar covers 2025 and 2026.
        #expect(compiled.firstDay == CivilDate.dayNumber(year: 2024, month: 1, day: 1))
        #expect(compiled.firstDay + compiled.dayCount == CivilDate.dayNumber(year: 2028, month: 1, day: 1))
        #expect(compiled.stateAndNextChange(atEpochSeconds: Self.at("2027-07-01T12:00")).state == .open)
    }
}
