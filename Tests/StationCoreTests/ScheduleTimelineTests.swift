import Foundation
import Testing
@testable import StationCore

@Suite("Schedule timelines")
struct ScheduleTimelineTests {
    /// The reference time the timelines are built around: 2026-11-21 12:00 Beijing time.
    static let reference = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-11-21T12:00")!)

    @Test("state and next change as the compiled schedule gives them, for random expressions and instants in the window")
    func agreesWithCompiledHours() throws {
        var rng = SplitMix64(seed: 77)
        var looked = 0
        for round in 0..<40 {
            let text = HoursRandomExpressions.expression(&rng, weeklyOnly: round % 2 == 0)
            guard let parsed = try? OpeningHours.parse(text) else { continue }
            // Tabulated over the whole window (weekly expressions are tabulated everywhere).
            let compiled = CompiledHours(
                parsed, firstDay: CivilDate.dayNumber(year: 2025, month: 1, day: 1), dayCount: 6 * 366)
            guard let timeline = ScheduleTimeline(compiled, referenceEpochSeconds: Self.reference) else {
                Issue.record("no timeline for \(text)")
                continue
            }
            let shared = SharedSchedule(compiled, timeline: timeline, referenceEpochSeconds: Self.reference)
            let span = Int64(timeline.dayCount) * 86_400
            for i in 0..<300 {
                var t = timeline.windowStart + Int64(rng.next() % UInt64(span))
                // Every fourth instant on a listed change, or just before it.
                if i % 4 == 0, timeline.count > 0 {
                    let k = Int(rng.next() % UInt64(timeline.count))
                    t = timeline.windowStart + Int64(timeline.minutes[k]) * 60 - (rng.next() % 2 == 0 ? 0 : 1)
                }
                let want = compiled.stateAndNextChange(atEpochSeconds: t)
                if let got = timeline.stateAndNextChange(atEpochSeconds: t) {
                    #expect(StateCode.state(got.code) == want.state && got.nextChange == want.nextChange, "\(text) at \(t)")
                    looked += 1
                }
                let viaShared = shared.stateAndNextChange(atEpochSeconds: t)
                #expect(viaShared.state == want.state && viaShared.nextChange == want.nextChange, "\(text) at \(t)")
                #expect(shared.isOpenThroughout(fromEpochSeconds: t, seconds: 600)
                    == compiled.isOpenThroughout(fromEpochSeconds: t, seconds: 600), "\(text) at \(t)")
            }
        }
        #expect(looked > 8_000)  // the timelines answered, not just the fallback
    }

    @Test("Mo-Fr 09:00-17:00: two changes a working day; outside the window the lookup declines")
    func weekdayHours() throws {
        let compiled = CompiledHours(try OpeningHours.parse("Mo-Fr 09:00-17:00"))
        let timeline = try #require(ScheduleTimeline(compiled, referenceEpochSeconds: Self.reference))
        // Monday 2026-11-23 10:30 Beijing: open, closes at 17:00 the same day.
        let t = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-11-23T10:30")!)
        let got = try #require(timeline.stateAndNextChange(atEpochSeconds: t))
        #expect(got.code == StateCode.open)
        #expect(got.nextChange == HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-11-23T17:00")!))
        // Saturday 2026-11-21 12:00: closed until Monday 09:00.
        let weekend = try #require(timeline.stateAndNextChange(atEpochSeconds: Self.reference))
        #expect(weekend.code == StateCode.closed)
        #expect(weekend.nextChange == HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-11-23T09:00")!))
        #expect(timeline.stateAndNextChange(atEpochSeconds: timeline.windowStart - 1) == nil)
        #expect(timeline.stateAndNextChange(atEpochSeconds: timeline.windowStart + Int64(timeline.dayCount) * 86_400) == nil)
        // About 2 changes a working day over 1,200 days, less holidays.
        #expect(timeline.count > 1500 && timeline.count < 1800)
    }

    @Test("a day with more changes than a lookup counts at once (three spans, six changes) is walked instead")
    func manyChangesADay() throws {
        let compiled = CompiledHours(try OpeningHours.parse("Mo-Fr 08:00-09:00,10:00-11:00,12:00-13:00"))
        let timeline = try #require(ScheduleTimeline(compiled, referenceEpochSeconds: Self.reference))
        #expect(ScheduleTimeline.lookAhead < 6)
        // Monday 2026-11-23, Beijing time.
        func at(_ iso: String) -> Int64 { HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: iso)!) }
        let cases: [(String, OpeningState, String)] = [
            ("2026-11-23T07:00", .closed, "2026-11-23T08:00"),
            ("2026-11-23T08:00", .open, "2026-11-23T09:00"),
            ("2026-11-23T10:30", .open, "2026-11-23T11:00"),
            ("2026-11-23T11:59", .closed, "2026-11-23T12:00"),
            ("2026-11-23T12:30", .open, "2026-11-23T13:00"),
            ("2026-11-23T13:00", .closed, "2026-11-24T08:00"),
        ]
        for (time, state, next) in cases {
            let got = try #require(timeline.stateAndNextChange(atEpochSeconds: at(time)))
            #expect(StateCode.state(got.code) == state && got.nextChange == at(next), "\(time)")
        }
    }

    @Test("no timeline for a schedule tabulated over less than the window (months: the default two-year table)")
    func declinesShortTables() throws {
        let compiled = CompiledHours(try OpeningHours.parse("Apr-Oct Mo-Su 08:00-20:00"))
        #expect(ScheduleTimeline(compiled, referenceEpochSeconds: Self.reference) == nil)
        // Its shared schedule still answers, from the compiled tables.
        let shared = SharedSchedule(compiled, timeline: nil, referenceEpochSeconds: Self.reference)
        let july = HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2027-07-01T12:00")!)
        #expect(shared.stateAndNextChange(atEpochSeconds: july).state == .open)
    }

    @Test("constant schedules (24/7, off, unknown) answer from their one state, as the compiled schedule does")
    func constantSchedules() throws {
        for text in ["24/7", "off", "24/7 unknown"] {
            let compiled = CompiledHours(try OpeningHours.parse(text))
            let shared = SharedSchedule(compiled, timeline: nil, referenceEpochSeconds: Self.reference)
            #expect(shared.isConstantInWindow)
            for days in [-300, -1, 0, 1, 30, 700] {
                let t = Self.reference + Int64(days) * 86_400 + 3_600
                #expect(shared.state(atEpochSeconds: t) == compiled.state(atEpochSeconds: t), "\(text)")
                #expect(shared.isOpen(atEpochSeconds: t) == compiled.isOpen(atEpochSeconds: t), "\(text)")
                #expect(shared.nextChange(afterEpochSeconds: t) == nil)
                #expect(shared.isOpenThroughout(fromEpochSeconds: t, seconds: 600)
                    == compiled.isOpenThroughout(fromEpochSeconds: t, seconds: 600), "\(text)")
            }
        }
    }

    @Test("the catalog lists the most used schedules first and stops at its budget; constant ones get none")
    func budgetGoesToTheMostUsed() throws {
        let compiled = try ["Mo-Fr 09:00-17:00", "Mo-Su 06:00-22:00", "Mo-Sa 08:00-12:00", "24/7"].map {
            CompiledHours(try OpeningHours.parse($0))
        }
        // Station counts 1, 5, 3 and 9 (the constant one is used most).
        let ids: [UInt32] = [0] + Array(repeating: 1, count: 5) + Array(repeating: 2, count: 3) + Array(repeating: 3, count: 9)
        let constant = compiled.map { SharedSchedule.isConstant($0, referenceEpochSeconds: Self.reference) }
        #expect(constant == [false, false, false, true])
        let unlimited = StationCatalog.timelines(
            for: compiled, constant: constant, stationHoursIDs: ids, referenceEpochSeconds: Self.reference)
        #expect(unlimited.map { $0 != nil } == [true, true, true, false])
        // A budget that one timeline does not exhaust but two do: the two most used get theirs.
        let one = try #require(unlimited[1]).memoryBytes
        let budgeted = StationCatalog.timelines(
            for: compiled, constant: constant, stationHoursIDs: ids, referenceEpochSeconds: Self.reference,
            budgetBytes: one + 1)
        #expect(budgeted.map { $0 != nil } == [false, true, true, false])
    }
}
