import StationApp
import StationCore
import StationGeometry
import Testing

/// The one reader of query input: the values below were worked out by hand (Beijing is UTC+8).
struct QueryInputTests {
    static let now: Int64 = 1_800_000_000

    @Test func instantsAreNowOrBeijingWallTime() throws {
        #expect(try QueryInput.instant(nil, nowEpochSeconds: Self.now) == Self.now)
        #expect(try QueryInput.instant("now", nowEpochSeconds: Self.now) == Self.now)
        // 2026-03-10 08:30 in Beijing is 00:30 UTC.
        #expect(try QueryInput.instant("2026-03-10T08:30", nowEpochSeconds: Self.now) == 1_773_102_600)
        #expect(try QueryInput.instant("2026-03-10T00:30Z", nowEpochSeconds: Self.now) == 1_773_102_600)
    }

    @Test func aBadTimeNamesTheFieldAsTheFrontEndSpellsIt() {
        #expect(throws: InputError.self) { try QueryInput.instant("tomorrow", nowEpochSeconds: Self.now) }
        do {
            _ = try QueryInput.instant("8:30", field: "at", label: "--at", nowEpochSeconds: Self.now)
            Issue.record("8:30 was accepted")
        } catch {
            #expect(error.field == "at")
            #expect(error.message.hasPrefix("--at must be 'now' or a local time YYYY-MM-DDTHH:MM"))
            #expect(error.message.hasSuffix("got '8:30'"))
        }
    }

    @Test func daysAreNoonInBeijing() throws {
        // Noon in Beijing on 2026-03-10 is 04:00 UTC.
        #expect(try QueryInput.day("2026-03-10", nowEpochSeconds: Self.now) == 1_773_115_200)
        #expect(try QueryInput.day(nil, nowEpochSeconds: Self.now) == Self.now)
        #expect(throws: InputError(field: "date", message: "'date' must be a day YYYY-MM-DD, got '2026-3-10'")) {
            try QueryInput.day("2026-3-10", nowEpochSeconds: Self.now)
        }
    }

    @Test func anyTimeIsTheWeekFromMondayMidnightHoldingNow() throws {
        // Now is Tuesday 2026-03-10 08:30 Beijing; its week starts Monday 03-09 00:00 Beijing = 03-08 16:00 UTC.
        let time = try QueryInput.coverageTime(at: nil, anyTime: true, nowEpochSeconds: 1_773_102_600)
        #expect(time == .anyTimeInWeek(startingEpochSeconds: 1_772_985_600))
        #expect(try QueryInput.coverageTime(at: "2026-03-10T08:30", anyTime: false, nowEpochSeconds: Self.now)
            == .at(epochSeconds: 1_773_102_600))
        #expect(throws: InputError.self) {
            try QueryInput.coverageTime(at: "2026-03-10T08:30", anyTime: true, nowEpochSeconds: Self.now)
        }
    }

    @Test func amenitiesAndGradesTakeChineseWordsAndListSeparators() throws {
        #expect(try QueryInput.amenities(["厕所，取暖", "wifi"]) == AmenitySet([Amenity.toilet, .heating, .wifi]))
        #expect(try QueryInput.grades(["A、B"]) == [Grade.A, .B])
        #expect(throws: InputError(field: "amenities",
                                   message: "unknown amenity 'sauna'; known: \(Amenity.vocabularyList)")) {
            try QueryInput.amenities(["toilet,sauna"])
        }
        #expect(throws: InputError.self) { try QueryInput.grades(["D"]) }
    }
}
