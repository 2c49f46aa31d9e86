import Foundation

/// Opening hours compiled for fast "open at instant t?" questions (the nearest-station query asks
/// millions of them).
///
/// For a window of local days (by default 60 days before the build time to two years after) each day
/// points into a small table of distinct day schedules; a schedule is a short sorted list of minute
/// segments with their state, with the night spill of the day before already applied. A lookup is a
/// division, one array read and a scan of a handful of segments: O(1), no allocation. Outside the
/// window the exact evaluator answers (slower, still correct).
///
/// Expressions whose rules depend only on weekdays and holidays (most real ones) are compiled from a
/// cache keyed by (weekday, holiday, make-up-day) of the day and the day before, so building one is a
/// few microseconds.
public final class CompiledHours: Sendable {
    public let hours: OpeningHours
    public let calendar: HolidayCalendar
    public let timeZone: HoursTimeZone
    /// Local day number (days since 1970-01-01) of the first day of the window.
    public let firstDay: Int
    /// Number of days in the window.
    public let dayCount: Int

    let dayIndex: [UInt16]
    /// Schedule `s` owns segments `segmentStart[s] ..< segmentStart[s + 1]`.
    let segmentStart: [Int32]
    let segmentMinute: [UInt16]
    let segmentState: [UInt8]
    /// Seconds to add to an epoch time to get local wall-clock seconds, when the zone is fixed.
    let fixedOffset: Int64?

    /// Default window: 60 days before now to 730 days after, in the given zone.
    public convenience init(_ hours: OpeningHours, calendar: HolidayCalendar = .china, timeZone: HoursTimeZone = .shanghai) {
        let now = Int64(Date().timeIntervalSince1970)
        let today = timeZone.local(epochSeconds: now).dayNumber
        self.init(hours, calendar: calendar, timeZone: timeZone, firstDay: today - 60, dayCount: 791)
    }

    /// A window of `dayCount` local days starting at local day number `firstDay`
    /// (``LocalDateTime/dayNumber``).
    public init(_ hours: OpeningHours, calendar: HolidayCalendar = .china, timeZone: HoursTimeZone = .shanghai,
                firstDay: Int, dayCount: Int) {
        self.hours = hours
        self.calendar = calendar
        self.timeZone = timeZone
        self.firstDay = firstDay
        let count = max(0, min(dayCount, Int(UInt16.max) * 4))
        self.dayCount = count
        fixedOffset = timeZone.isFixedOffset ? Int64(timeZone.offsetSeconds(atEpochSeconds: 0)) : nil

        var table = ScheduleTable()
        var index = [UInt16](repeating: 0, count: count)
        let evaluator = hours.evaluator
        if evaluator.rules.allSatisfy(\.isWeekly) {
            var cache = [Int32](repeating: -1, count: 42 * 42)
            let ph = evaluator.usesPublicHolidays
            func dayClass(_ d: Int) -> Int {
                var holiday = 0
                if ph {
                    if let h = calendar.isPublicHoliday(dayNumber: d) { holiday = h ? 1 : 0 } else { holiday = 2 }
                }
                return CivilDate.weekday(dayNumber: d) * 6 + holiday * 2 + (calendar.isMakeUpWorkday(dayNumber: d) ? 1 : 0)
            }
            var previous = dayClass(firstDay - 1)
            for k in 0..<count {
                let d = firstDay + k
                let current = dayClass(d)
                let key = evaluator.usesPreviousDay ? previous * 42 + current : current
                if cache[key] < 0 {
                    cache[key] = Int32(table.add(evaluator.schedule(dayNumber: d, calendar: calendar)))
                }
                index[k] = UInt16(cache[key])
                previous = current
            }
        } else {
            for k in 0..<count {
                index[k] = UInt16(table.add(evaluator.schedule(dayNumber: firstDay + k, calendar: calendar)))
            }
        }
        dayIndex = index
        segmentStart = table.segmentStart
        segmentMinute = table.segmentMinute
        segmentState = table.segmentState
    }

    /// Distinct schedules flattened into three arrays.
    struct ScheduleTable {
        var ids: [DaySchedule: Int] = [:]
        var segmentStart: [Int32] = [0]
        var segmentMinute: [UInt16] = []
        var segmentState: [UInt8] = []

        mutating func add(_ s: DaySchedule) -> Int {
            if let id = ids[s] { return id }
            let id = segmentStart.count - 1
            ids[s] = id
            segmentMinute.append(contentsOf: s.starts)
            segmentState.append(contentsOf: s.states)
            segmentStart.append(Int32(segmentMinute.count))
            return id
        }
    }

    /// Number of distinct day schedules in the window.
    public var distinctSchedules: Int { segmentStart.count - 1 }

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
        let local = localSeconds(t)
        let day = CivilDate.floorDiv(local, 86_400)
        let k = Int(day) - firstDay
        guard k >= 0, k < dayCount else { return exactState(local: local) }
        let minute = UInt16((local - day * 86_400) / 60)
        let s = Int(dayIndex[k])
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
        let current = stateCode(atEpochSeconds: t)
        let local = localSeconds(t)
        let day = Int(CivilDate.floorDiv(local, 86_400))
        var minute = Int((local - Int64(day) * 86_400) / 60)
        var d = day
        while d - firstDay >= 0, d - firstDay < dayCount {
            let s = Int(dayIndex[d - firstDay])
            for j in Int(segmentStart[s])..<Int(segmentStart[s + 1]) where Int(segmentMinute[j]) > minute || (d != day && j == Int(segmentStart[s])) {
                if segmentState[j] != current {
                    return epoch(localDay: d, minute: Int(segmentMinute[j]), after: t)
                }
            }
            d += 1
            minute = -1
        }
        // Outside the window: ask the exact evaluator from the later of t and the window end.
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
