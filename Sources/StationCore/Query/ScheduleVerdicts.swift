/// What one query knows about one schedule without any distance: its state at the query time, and how
/// close a station must be for that state to hold on arrival (and, when open, for the required minutes).
struct ScheduleVerdict: Sendable {
    /// The schedule this entry describes; `UInt32.max` for an empty cache slot.
    var hoursID: UInt32
    /// The schedule's state at the query time.
    var state: OpeningState
    /// Stations of this schedule with a key (squared chord) below this are decided by ``state`` without
    /// being measured (open: they qualify; anything else: they do not); the others need their exact distance.
    var keyLimit: Double
    /// The schedule's next change after the query time, when this verdict looked it up and there is one
    /// within the horizon; `Int64.min` otherwise. The state is ``state`` from the query time until then.
    var nextChange: Int64

    static let empty = ScheduleVerdict(hoursID: .max, state: .unknown, keyLimit: 0, nextChange: .min)
}

/// A small per-query cache of ``ScheduleVerdict``s, direct-mapped by hours id, in memory the caller
/// lends (stack memory from `withUnsafeTemporaryAllocation`).
///
/// Why: at 5 a.m. most stations are closed and will stay closed for longer than anyone walks, so the
/// search can drop them from the key alone (a few nanoseconds) instead of measuring each one exactly and
/// asking its schedule (about 100 ns). A query meets only a handful of distinct schedules, each
/// worked out once here; a ledger with many more distinct expressions than slots just recomputes on
/// collision. Direct-mapped rather than sized to the catalog's table so a query never clears more than
/// ``capacity`` entries.
struct ScheduleVerdicts {
    static let capacity = 32
    let slots: UnsafeMutablePointer<ScheduleVerdict>

    /// Takes `buffer` (at least ``capacity`` entries) and marks every slot empty.
    init(lending buffer: UnsafeMutableBufferPointer<ScheduleVerdict>) {
        precondition(buffer.count >= Self.capacity)
        buffer.initialize(repeating: .empty)
        slots = buffer.baseAddress!
    }

    /// The verdict for `hoursID` if this query has worked it out (and no other schedule has taken its slot).
    @inline(__always)
    func known(_ hoursID: UInt32) -> ScheduleVerdict? {
        let slot = slots + Int(hoursID & UInt32(Self.capacity - 1))
        return slot.pointee.hoursID == hoursID ? slot.pointee : nil
    }

    /// The verdict for `hoursID`, worked out by `make` the first time this query needs it.
    @inline(__always)
    func verdict(_ hoursID: UInt32, make: (UInt32) -> ScheduleVerdict) -> ScheduleVerdict {
        let slot = slots + Int(hoursID & UInt32(Self.capacity - 1))
        if slot.pointee.hoursID == hoursID { return slot.pointee }
        let v = make(hoursID)
        slot.pointee = v
        return v
    }

    /// The verdict for a schedule at the query time `t`, under an open policy.
    ///
    /// For `.now` the state at `t` decides every station. For `.arrival` a station at `d` metres arrives at
    /// `a = t + ceil(travel seconds)`; the schedule keeps its state at `t` until its next change `c`, so
    /// when `a + max(minOpen, 1) <= c` the station's verdict is that state (open for the whole stay, or
    /// closed on arrival). That holds for every `d` up to `(c - t - max(minOpen, 1))` seconds of travel,
    /// turned into metres (shaved by a relative 1e-12 against rounding) and then into a key bound that
    /// allows for single-precision storage (``UnitSphere/keyBelow(distanceMetres:)``).
    static func make(
        hoursID: UInt32, schedule h: SharedSchedule, policy: OpenPolicy, atEpochSeconds t: Int64,
        minOpenSeconds: Int64, mode: TravelMode
    ) -> ScheduleVerdict {
        switch policy {
        case .now:
            let state = h.state(atEpochSeconds: t)
            return ScheduleVerdict(hoursID: hoursID, state: state, keyLimit: .infinity, nextChange: .min)
        case .arrival:
            let (state, next) = h.stateAndNextChange(atEpochSeconds: t)
            let openNow = state == .open
            // No change within the horizon: the state holds for (at least) the horizon less a day.
            let change = next ?? (t + Int64(OpeningHours.searchHorizonDays - 1) * 86_400)
            let stay = openNow ? max(minOpenSeconds, 1) : 1
            let travelSeconds = change - t - stay
            var keyLimit = 0.0
            if travelSeconds >= 0 {
                let metres = Double(travelSeconds) * mode.speedMetresPerSecond / TravelMode.detourFactor * (1 - 1e-12)
                keyLimit = UnitSphere.keyBelow(distanceMetres: metres)
            }
            return ScheduleVerdict(
                hoursID: hoursID, state: state, keyLimit: keyLimit, nextChange: next ?? .min)
        }
    }
}

extension ScheduleVerdicts {
    /// How many slots hold a verdict.
    func filledCount() -> Int {
        var n = 0
        for i in 0..<Self.capacity where slots[i].hoursID != .max { n += 1 }
        return n
    }
}
