import Testing
@testable import StationCore

/// CompiledHours against the exact evaluator: states at random instants, next changes, and the
/// open-throughout / open-sometime questions, checked by scanning minute by minute.
@Suite struct HoursCompiledTests {
    static let zone = HoursTimeZone.shanghai
    static let firstDay = CivilDate.dayNumber(year: 2025, month: 1, day: 1) - 5
    static let dayCount = 800  // into 2027, which the calendar does not cover

    /// Exact minute states, cached per local day.
    struct MinuteOracle {
        let hours: OpeningHours
        var days: [Int: [UInt8]] = [:]
        mutating func state(localMinute m: Int64) -> UInt8 {
            let day = Int(CivilDate.floorDiv(m, 1440))
            if days[day] == nil { days[day] = hours.evaluator.minutes(dayNumber: day, calendar: .china) }
            return days[day]![Int(m - Int64(day) * 1440)]
        }
    }

    func code(_ s: OpeningState) -> UInt8 { s == .open ? 1 : (s == .unknown ? 2 : 0) }

    @Test(arguments: [false, true]) func randomExpressionsAgree(weeklyOnly: Bool) throws {
        var rng = SplitMix64(seed: weeklyOnly ? 7 : 8)
        let windowStart = Int64(Self.firstDay) * 86_400 - 8 * 3600
        let windowSeconds = Int64(Self.dayCount) * 86_400
        for _ in 0..<40 {
            let text = HoursRandomExpressions.expression(&rng, weeklyOnly: weeklyOnly)
            let hours = try OpeningHours.parse(text)
            let compiled = CompiledHours(hours, firstDay: Self.firstDay, dayCount: Self.dayCount)
            var oracle = MinuteOracle(hours: hours)
            for k in 0..<120 {
                // Mostly inside the window, some before and after it.
                let t = windowStart - 20 * 86_400 + Int64(rng.next() % UInt64(windowSeconds + 40 * 86_400))
                let localMinute = CivilDate.floorDiv(t + 8 * 3600, 60)
                let expected = oracle.state(localMinute: localMinute)
                #expect(code(compiled.state(atEpochSeconds: t)) == expected, "\(text) at \(t)")
                #expect(code(hours.state(at: Self.zone.local(epochSeconds: t))) == expected)
                guard k % 4 == 0 else { continue }
                // Next change within three days, by scanning minutes.
                var scanned: Int64?
                for step in 1...(3 * 1440) where oracle.state(localMinute: localMinute + Int64(step)) != expected {
                    scanned = (localMinute + Int64(step)) * 60 - 8 * 3600
                    break
                }
                let next = compiled.nextChange(afterEpochSeconds: t)
                if let scanned {
                    #expect(next == scanned, "\(text) next change after \(t)")
                } else {
                    #expect(next == nil || next! > t + 3 * 86_400 - 60, "\(text) next change after \(t)")
                }
                // Open throughout / sometime in a window of up to six hours.
                let seconds = Int64(rng.next() % (6 * 3600))
                let lastMinute = CivilDate.floorDiv(t + 8 * 3600 + max(seconds, 1) - 1, 60)
                var all = true
                var any = false
                for m in localMinute...lastMinute {
                    let s = oracle.state(localMinute: m)
                    if s == 1 { any = true } else { all = false }
                }
                #expect(compiled.isOpenThroughout(fromEpochSeconds: t, seconds: seconds) == all, "\(text) throughout \(t)+\(seconds)")
                #expect(compiled.isOpenSometime(fromEpochSeconds: t, seconds: seconds) == any, "\(text) sometime \(t)+\(seconds)")
            }
        }
    }

    @Test func handCheckedOfficeHours() throws {
        let hours = try OpeningHours.parse("Mo-Fr 08:30-17:30; PH off")
        let compiled = CompiledHours(hours, firstDay: Self.firstDay, dayCount: Self.dayCount)
        func epoch(_ iso: String) throws -> Int64 { Self.zone.epochSeconds(try #require(LocalDateTime(iso: iso))) }
        #expect(compiled.state(atEpochSeconds: try epoch("2025-10-11T10:00")) == .open)    // make-up Saturday
        #expect(compiled.state(atEpochSeconds: try epoch("2025-10-01T10:00")) == .closed)  // National Day
        #expect(compiled.state(atEpochSeconds: try epoch("2025-10-12T10:00")) == .closed)
        #expect(compiled.nextChange(afterEpochSeconds: try epoch("2025-09-30T18:00")) == (try epoch("2025-10-09T08:30")))
        #expect(compiled.isOpenThroughout(fromEpochSeconds: try epoch("2025-10-09T09:00"), seconds: 8 * 3600 + 1800))
        #expect(!compiled.isOpenThroughout(fromEpochSeconds: try epoch("2025-10-09T09:00"), seconds: 8 * 3600 + 1801))
        #expect(compiled.isOpenSometime(fromEpochSeconds: try epoch("2025-10-09T07:00"), seconds: 5401))
        #expect(!compiled.isOpenSometime(fromEpochSeconds: try epoch("2025-10-09T07:00"), seconds: 5400))
        // A handful of distinct days: weekday, weekend, holiday, make-up day, uncovered-year weekday.
        #expect(compiled.distinctSchedules <= 4)
        let always = CompiledHours(try OpeningHours.parse("24/7"), firstDay: Self.firstDay, dayCount: Self.dayCount)
        #expect(always.nextChange(afterEpochSeconds: try epoch("2025-10-09T07:00")) == nil)
    }
}
