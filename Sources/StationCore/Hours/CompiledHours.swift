import Foundation

/// Opening hours compiled for fast "open at instant t?" questions (the nearest-station query asks
/// millions of them).
///
/// A day's states are one of a few distinct *day schedules*: short sorted lists of minute segments
/// with their state, the night spill of the day before already applied. A lookup finds the day's
/// schedule and scans its handful of segments: O(1), no allocation.
///
/// - Weekly expressions (rules that look only at weekdays, `PH` and `SH`: nearly all real ones) map
///   a day to its schedule by a key made of (weekday, holiday flag, make-up flag) of the day and of
///   the day before; every key that can occur is compiled up front, so any date, past or future, is
///   answered from the table.
/// - Other expressions (months, dates, weeks, `[n]` weekdays) get a per-day index over a window
///   of days (by default the calendar's years with one more either side); outside the window the
///   exact evaluator answers (slower, still correct).
/// - A schedule that never changes (24/7, off, unparseable read as unknown) says so, so asking for its
///   next change costs nothing instead of a walk to the end of the horizon.
public final class CompiledHours: Sendable {
    public let hours: OpeningHours
    public let calendar: HolidayCalendar
    public let timeZone: HoursTimeZone
    /// Local day number (days since 1970-01-01) of the first day of the per-day window.
    public let firstDay: Int
    /// Number of days in the per-day window (0 for weekly expressions, which need none).
    public let dayCount: Int

    /// True when days map to schedules through `keyTable` (weekly expressions).
    let weekly: Bool
    let keyUsesPreviousDay: Bool
    let keyUsesHolidays: Bool
    /// Weekly: schedule id per day of the calendar's span (`spanFirstDay`, one day past its end
    /// included), and per weekday for days outside it (no holiday data there).
    let spanIDs: [UInt16]
    let spanFirstDay: Int
    let outsideIDs: [UInt16]
    /// Windowed: schedule id per day of the window.
    let dayIndex: [UInt16]
    /// Schedule `s` owns segments `segmentStart[s] ..< segmentStart[s + 1]`.
    let segmentStart: [Int32]
    let segmentMinute: [UInt16]
    let segmentState: [UInt8]
    /// Seconds to add to an epoch time to get local wall-clock seconds, when the zone is fixed.
    let fixedOffset: Int64?
    /// The state code at every instant, when the schedule never changes: a weekly expression with one
    /// day schedule of one segment.
    let constantCode: UInt8?

    /// Compiles with the default window: Jan 1 of the year before the calendar's first to Dec 31 of the
    /// year after its last (2020 to 2030 for a calendar without years). No clock: the window follows
    /// the data the answers depend on.
    public convenience init(_ hours: OpeningHours, calendar: HolidayCalendar = .china, timeZone: HoursTimeZone = .shanghai) {
        let span = calendar.coveredSpan
        let firstYear = span.map { LocalDateTime(dayNumber: $0.lowerBound, minuteOfDay: 0).year - 1 } ?? 2020
        let lastYear = span.map { LocalDateTime(dayNumber: $0.upperBound, minuteOfDay: 0).year + 1 } ?? 2030
        let first = CivilDate.dayNumber(year: firstYear, month: 1, day: 1)
        let end = CivilDate.dayNumber(year: lastYear + 1, month: 1, day: 1)
        self.init(hours, calendar: calendar, timeZone: timeZone, firstDay: first, dayCount: end - first)
    }

    /// Compiles with a per-day window of `dayCount` local days from local day number `firstDay`
    /// (``LocalDateTime/dayNumber``); weekly expressions ignore the window.
    public init(_ hours: OpeningHours, calendar: HolidayCalendar = .china, timeZone: HoursTimeZone = .shanghai,
                firstDay: Int, dayCount: Int) {
        self.hours = hours
        self.calendar = calendar
        self.timeZone = timeZone
        fixedOffset = timeZone.isFixedOffset ? Int64(timeZone.offsetSeconds(atEpochSeconds: 0)) : nil
        let evaluator = hours.evaluator
        keyUsesPreviousDay = evaluator.usesPreviousDay
        keyUsesHolidays = evaluator.usesPublicHolidays
        var table = ScheduleTable()
        if evaluator.rules.allSatisfy(\.isWeekly) {
            weekly = true
            self.firstDay = 0
            self.dayCount = 0
            dayIndex = []
            var keys = [Int32](repeating: -1, count: 42 * 42)
            let usesPrevious = keyUsesPreviousDay
            let usesHolidays = keyUsesHolidays
            // Inside the calendar's span each day (and the one after it, whose previous day is
            // covered) is looked up; outside it a day's schedule depends on its weekday only.
            let spanStart = calendar.coveredSpan?.lowerBound ?? 0
            var inside: [UInt16] = []
            if let span = calendar.coveredSpan {
                // Walk the span with the flags array and a running weekday.
                let flags = calendar.flags
                let count = flags.count + 1
                inside = [UInt16](repeating: 0, count: count)
                var weekday = CivilDate.weekday(dayNumber: span.lowerBound)
                var previousClass = Self.dayClass(weekday: (weekday + 6) % 7, flags: 0, usesHolidays: usesHolidays)
                for k in 0..<count {
                    let f = k < flags.count ? flags[k] : 0
                    let currentClass = Self.dayClass(weekday: weekday, flags: f, usesHolidays: usesHolidays)
                    let key = usesPrevious ? currentClass * 42 + previousClass : currentClass
                    let id = keys[key] >= 0 ? keys[key]
                        : Self.resolve(key, day: span.lowerBound + k, keys: &keys, table: &table, evaluator: evaluator, calendar: calendar)
                    inside[k] = UInt16(truncatingIfNeeded: id)
                    previousClass = currentClass
                    weekday = weekday == 6 ? 0 : weekday + 1
                }
            }
            var outside = [UInt16](repeating: 0, count: 7)
            for d in (spanStart - 8)..<(spanStart - 1) {
                let key = Self.key(day: d, calendar: calendar, usesPrevious: usesPrevious, usesHolidays: usesHolidays)
                outside[CivilDate.weekday(dayNumber: d)] = UInt16(truncatingIfNeeded: Self.resolve(
                    key, day: d, keys: &keys, table: &table, evaluator: evaluator, calendar: calendar))
            }
            spanFirstDay = spanStart
            spanIDs = inside
            outsideIDs = outside
        } else {
            weekly = false
            let count = max(0, min(dayCount, 20 * 366))
            self.firstDay = firstDay
            self.dayCount = count
            var index = [UInt16](repeating: 0, count: count)
            for k in 0..<count {
                index[k] = UInt16(truncatingIfNeeded: table.add(evaluator.schedule(dayNumber: firstDay + k, calendar: calendar)))
            }
            dayIndex = index
            spanIDs = []
            spanFirstDay = 0
            outsideIDs = []
        }
        segmentStart = table.segmentStart
        segmentMinute = table.segmentMinute
        segmentState = table.segmentState
        constantCode = weekly && table.segmentState.count == 1 ? table.segmentState[0] : nil
    }

    /// The day key of a weekly expression: class(day) [* 42 + class(day before)], where
    /// class = weekday * 6 + holiday (0 no, 1 yes, 2 unknown) * 2 + make-up day.
    @inline(__always)
    static func key(day: Int, calendar: HolidayCalendar, usesPrevious: Bool, usesHolidays: Bool) -> Int {
        @inline(__always) func dayClass(_ d: Int) -> Int {
            let f = calendar.dayFlags(d)
            let holiday = usesHolidays ? (f & 1 == 0 ? 2 : Int((f >> 1) & 1)) : 0
            return CivilDate.weekday(dayNumber: d) * 6 + holiday * 2 + Int((f >> 2) & 1)
        }
        return usesPrevious ? dayClass(day) * 42 + dayClass(day - 1) : dayClass(day)
    }

    /// The schedule id of a day key not seen yet: painted from a real day with that key, or, without
    /// night spill, a day whose holiday status is unknown is the merge of the same day as holiday and not.
    static func resolve(_ key: Int, day d: Int, keys: inout [Int32], table: inout ScheduleTable,
                        evaluator: HoursEvaluator, calendar: HolidayCalendar) -> Int32 {
        if keys[key] >= 0 { return keys[key] }
        var id: Int32 = -1
        if !evaluator.usesPreviousDay, evaluator.usesPublicHolidays, key < 42, (key % 6) / 2 == 2 {
            let asWorking = keys[key - 4]
            let asHoliday = keys[key - 2]
            if asWorking >= 0, asHoliday >= 0 {
                id = Int32(table.add(table.schedules[Int(asWorking)].merged(with: table.schedules[Int(asHoliday)])))
            }
        }
        if id < 0 { id = Int32(table.add(evaluator.schedule(dayNumber: d, calendar: calendar))) }
        keys[key] = id
        return id
    }

    @inline(__always)
    static func dayClass(weekday: Int, flags f: UInt8, usesHolidays: Bool) -> Int {
        let holiday = usesHolidays ? (f & 1 == 0 ? 2 : Int((f >> 1) & 1)) : 0
        return weekday * 6 + holiday * 2 + Int((f >> 2) & 1)
    }

    /// Distinct schedules flattened into three arrays.
    struct ScheduleTable {
        var ids: [DaySchedule: Int] = [:]
        var schedules: [DaySchedule] = []
        var segmentStart: [Int32] = [0]
        var segmentMinute: [UInt16] = []
        var segmentState: [UInt8] = []

        mutating func add(_ s: DaySchedule) -> Int {
            if let id = ids[s] { return id }
            let id = segmentStart.count - 1
            ids[s] = id
            schedules.append(s)
            segmentMinute.append(contentsOf: s.starts)
            segmentState.append(contentsOf: s.states)
            segmentStart.append(Int32(segmentMinute.count))
            return id
        }
    }

    /// The local days (day numbers) answered from the compiled tables; beyond them the exact evaluator
    /// answers, much more slowly. nil: every day (weekly expressions).
    var tabulatedDays: Range<Int>? { weekly ? nil : firstDay..<(firstDay + dayCount) }

    /// Number of distinct day schedules compiled.
    public var distinctSchedules: Int { segmentStart.count - 1 }

    /// The compiled schedule of a local day, or -1 when the exact evaluator must answer.
    @inline(__always)
    func scheduleID(day: Int) -> Int {
        if weekly {
            let k = day - spanFirstDay
            if k >= 0 && k < spanIDs.count { return Int(spanIDs[k]) }
            return Int(outsideIDs[CivilDate.weekday(dayNumber: day)])
        }
        let k = day - firstDay
        return k >= 0 && k < dayCount ? Int(dayIndex[k]) : -1
    }

    @inline(__always)
    func localSeconds(_ t: Int64) -> Int64 {
        if let fixedOffset { return t + fixedOffset }
        return t + Int64(timeZone.offsetSeconds(atEpochSeconds: t))
    }

    /// The state at an instant (epoch seconds).
    public func state(atEpochSeconds t: Int64) -> OpeningState {
        StateCode.state(stateCode(atEpochSeconds: t))
    }

    /// True when open at the instant (the hot path of nearest-open queries).
    @inline(__always)
    public func isOpen(atEpochSeconds t: Int64) -> Bool {
        stateCode(atEpochSeconds: t) == StateCode.open
    }

    @inline(__always)
    func stateCode(atEpochSeconds t: Int64) -> UInt8 {
        if let constantCode { return constantCode }
        let local = localSeconds(t)
        let day = CivilDate.floorDiv(local, 86_400)
        let s = scheduleID(day: Int(day))
        guard s >= 0 else { return exactState(local: local) }
        let minute = UInt16((local - day * 86_400) / 60)
        let lo = Int(segmentStart[s])
        var j = Int(segmentStart[s + 1]) - 1
        while j > lo, segmentMinute[j] > minute { j -= 1 }
        return segmentState[j]
    }

    func exactState(local: Int64) -> UInt8 {
        let time = LocalDateTime(totalMinutes: CivilDate.floorDiv(local, 60))
        switch hours.state(at: time, calendar: calendar) {
        case .open: return StateCode.open
        case .closed: return StateCode.closed
        case .unknown: return StateCode.unknown
        }
    }

    /// The first instant after `t` (a whole minute) where the state differs from the state at `t`;
    /// nil when it does not change within ``OpeningHours/searchHorizonDays`` days.
    public func nextChange(afterEpochSeconds t: Int64) -> Int64? {
        nextChange(afterEpochSeconds: t, from: stateCode(atEpochSeconds: t))
    }

    /// The state at `t` and ``nextChange(afterEpochSeconds:)``, working out the state once.
    public func stateAndNextChange(atEpochSeconds t: Int64) -> (state: OpeningState, nextChange: Int64?) {
        let code = stateCode(atEpochSeconds: t)
        return (StateCode.state(code), nextChange(afterEpochSeconds: t, from: code))
    }

    /// ``nextChange(afterEpochSeconds:)`` given the state code at `t`.
    func nextChange(afterEpochSeconds t: Int64, from current: UInt8) -> Int64? {
        if constantCode != nil { return nil }
        let local = localSeconds(t)
        let day = Int(CivilDate.floorDiv(local, 86_400))
        var minute = Int((local - Int64(day) * 86_400) / 60)
        var d = day
        let horizon = day + OpeningHours.searchHorizonDays
        while d < horizon {
            // Past the calendar's span a weekly pattern repeats every week: a week without a change
            // means no change ever.
            if weekly, d > spanFirstDay + spanIDs.count + 8, d > day + 8 { return nil }
            let s = scheduleID(day: d)
            if s < 0 { break }
            for j in Int(segmentStart[s])..<Int(segmentStart[s + 1]) where Int(segmentMinute[j]) > minute && segmentState[j] != current {
                return epoch(localDay: d, minute: Int(segmentMinute[j]), after: t)
            }
            d += 1
            minute = -1
        }
        if d >= horizon { return nil }
        // Outside the compiled days: ask the exact evaluator from the later of t and day d.
        let from: LocalDateTime
        if d == day {
            from = LocalDateTime(totalMinutes: CivilDate.floorDiv(local, 60))
        } else {
            from = LocalDateTime(dayNumber: d, minuteOfDay: 0)
            if StateCode.state(current) != hours.state(at: from, calendar: calendar) {
                return epoch(localDay: d, minute: 0, after: t)
            }
        }
        guard let next = hours.nextChange(after: from, calendar: calendar) else { return nil }
        return epoch(localDay: next.dayNumber, minute: next.minuteOfDay, after: t)
    }

    @inline(__always)
    func epoch(localDay: Int, minute: Int, after t: Int64) -> Int64 {
        let wall = Int64(localDay) * 86_400 + Int64(minute) * 60
        if let fixedOffset { return wall - fixedOffset }
        return max(t + 1, timeZone.epochSeconds(LocalDateTime(dayNumber: localDay, minuteOfDay: minute)))
    }

    /// True when open at every instant of `[t, t + seconds)`.
    public func isOpenThroughout(fromEpochSeconds t: Int64, seconds: Int64) -> Bool {
        guard stateCode(atEpochSeconds: t) == StateCode.open else { return false }
        guard seconds > 0 else { return true }
        guard let change = nextChange(afterEpochSeconds: t) else { return true }
        return change >= t + seconds
    }

    /// True when open at some instant of `[t, t + seconds)` (or at `t` when `seconds` is 0).
    public func isOpenSometime(fromEpochSeconds t: Int64, seconds: Int64) -> Bool {
        var cursor = t
        let end = t + max(seconds, 1)
        while cursor < end {
            if stateCode(atEpochSeconds: cursor) == StateCode.open { return true }
            guard let change = nextChange(afterEpochSeconds: cursor) else { return false }
            cursor = change
        }
        return false
    }
}
