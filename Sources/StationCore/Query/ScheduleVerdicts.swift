/// What one query knows about one schedule without any distance: its state at the query time, and how
/// close a station must be for that state to hold on arrival (and, when open, for the required minutes).
struct ScheduleVerdict: Sendable {
    /// The schedule's state at the query time.
    var state: OpeningState
    /// Stations of this schedule with a key (squared chord) below this are decided by ``state`` without
    /// being measured (open: they qualify; anything else: they do not); the others need their distance.
    var keyLimit: Double
    /// The schedule's next change after the query time, when there is one within the horizon (the state
    /// is ``state`` until then).
    var nextChange: Int64?

    /// The verdict for a schedule at the query time `t`, under an open policy.
    ///
    /// Why: at 5 a.m. most stations are closed and stay closed for longer than anyone walks, so the search
    /// drops them from the key alone instead of measuring each and asking its schedule. For `.now` the state
    /// at `t` decides every station. For `.arrival` a station `d` metres away is reached at
    /// `a = t + ceil(travel seconds)`; the schedule keeps its state until its next change `c`, so when
    /// `a + max(minOpen, 1) <= c` the verdict is that state. That holds for every `d` up to
    /// `c - t - max(minOpen, 1)` seconds of travel, turned into metres (shaved by a relative 1e-12 against
    /// rounding) and into a key bound that allows for single-precision storage.
    init(_ h: CompiledHours, policy: OpenPolicy, atEpochSeconds t: Int64, minOpenSeconds: Int64, mode: TravelMode) {
        switch policy {
        case .now:
            (state, keyLimit, nextChange) = (h.state(atEpochSeconds: t), .infinity, nil)
        case .arrival:
            let (now, next) = h.stateAndNextChange(atEpochSeconds: t)
            // No change within the horizon: the state holds for (at least) the horizon less a day.
            let change = next ?? (t + Int64(OpeningHours.searchHorizonDays - 1) * 86_400)
            let travelSeconds = change - t - (now == .open ? max(minOpenSeconds, 1) : 1)
            let metres = Double(travelSeconds) * mode.speedMetresPerSecond / TravelMode.detourFactor * (1 - 1e-12)
            (state, keyLimit, nextChange) = (now, travelSeconds >= 0 ? SearchKey.below(distanceMetres: metres) : 0, next)
        }
    }
}

/// The verdicts one query has worked out, direct-mapped by hours id: a query meets only a handful of
/// distinct schedules, each worked out once (a ledger with many more just recomputes on collision).
/// Lives as long as the query.
struct ScheduleVerdicts {
    private var slots = [(hoursID: UInt32, verdict: ScheduleVerdict)?](repeating: nil, count: 32)

    /// The verdict for `hoursID` if this query has worked it out (and no other schedule took its slot).
    func known(_ hoursID: UInt32) -> ScheduleVerdict? {
        guard let entry = slots[Int(hoursID & 31)], entry.hoursID == hoursID else { return nil }
        return entry.verdict
    }

    /// The verdict for `hoursID`, worked out by `make` the first time this query needs it.
    mutating func verdict(_ hoursID: UInt32, make: () -> ScheduleVerdict) -> ScheduleVerdict {
        if let v = known(hoursID) { return v }
        let v = make()
        slots[Int(hoursID & 31)] = (hoursID, v)
        return v
    }
}
