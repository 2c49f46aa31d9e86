/// Whether one selector matches one day.
enum HoursMatching {
    static func matches(_ selector: WideSelector, _ f: HoursEvaluator.DayFacts) -> Bool {
        switch selector {
        case .years(let ranges):
            return ranges.contains { $0.matches(f.year) }
        case .weeks(let ranges):
            let week = CivilDate.isoWeek(dayNumber: f.day)
            return ranges.contains { $0.matches(week) }
        case .dates(let items):
            return items.contains { matches($0, f) }
        }
    }

    static func matches(_ item: DateItem, _ f: HoursEvaluator.DayFacts) -> Bool {
        switch item {
        case .months(let year, let from, let to):
            if let year, year != f.year { return false }
            return from <= to ? (f.month >= from && f.month <= to) : (f.month >= from || f.month <= to)
        case .days(let start, let end, let period):
            if start.year != nil {
                guard let s = start.resolve(inYear: f.year) else { return false }
                let e = end.flatMap { resolveEnd($0, year: start.year!, start: s) } ?? s
                return inRange(f.day, s, e, period, endExclusive: end?.anchor == .easter)
            }
            for y in [f.year, f.year - 1] {
                guard let s = start.resolve(inYear: y) else { continue }
                var e = s
                if let end {
                    guard let resolved = resolveEnd(end, year: y, start: s) else { continue }
                    e = resolved
                }
                if inRange(f.day, s, e, period, endExclusive: end?.anchor == .easter) { return true }
            }
            return false
        }
    }

    /// The end day of a range starting at `s` in year `year`; moved to the next year when it would
    /// fall before the start (`Dec 31-Jan 01`, `Dec 25-easter`).
    static func resolveEnd(_ end: DatePoint, year: Int, start s: Int) -> Int? {
        if end.year != nil { return end.resolve(inYear: year) }
        if let e = end.resolve(inYear: year), e >= s { return e }
        return end.resolve(inYear: year + 1)
    }

    @inline(__always)
    static func inRange(_ day: Int, _ s: Int, _ e: Int, _ period: Int, endExclusive: Bool) -> Bool {
        guard day >= s, endExclusive ? day < e : day <= e else { return false }
        return (day - s) % period == 0
    }

    static func matches(_ group: [DayItem], _ f: HoursEvaluator.DayFacts, _ context: HoursEvaluator.Context) -> Bool {
        for item in group {
            switch item {
            case .holiday(let school, let offset):
                if school { return true }
                if context.isHoliday(f.day - offset) { return true }
            case .weekdays(let from, let to, let nth, let offset):
                if nth.isEmpty && offset == 0 {
                    if f.makeUpWorkday {
                        // A make-up working day counts as a working weekday: any range touching Mo...Fr.
                        for wd in 0..<5 where contains(from, to, wd) { return true }
                    } else if contains(from, to, f.weekday) {
                        return true
                    }
                    continue
                }
                let day = f.day - offset
                let wd = CivilDate.weekday(dayNumber: day)
                guard contains(from, to, wd) else { continue }
                if nth.isEmpty { return true }
                let date = CivilDate.date(dayNumber: day)
                let forward = (date.day - 1) / 7 + 1
                let backward = -((CivilDate.daysInMonth(year: date.year, month: date.month) - date.day) / 7 + 1)
                if nth.contains(forward) || nth.contains(backward) { return true }
            }
        }
        return false
    }

    @inline(__always)
    static func contains(_ from: Int, _ to: Int, _ wd: Int) -> Bool {
        from <= to ? (wd >= from && wd <= to) : (wd >= from || wd <= to)
    }
}
