import StationCore

/// How the map draws a station at a coverage time: open, closed, unknown (hours that cannot be
/// evaluated then) or inactive (suspended or closed in the ledger, whatever its hours say).
///
/// "Open" means exactly what makes a station count for coverage at that time, so the stations drawn
/// open are the ones whose discs make the district shading.
public enum StationDrawState: String, Sendable, CaseIterable {
    case open, closed, unknown, inactive
}

extension CoverageTime {
    /// The state `station` is drawn with at this time, from its compiled opening hours.
    public func drawState(of station: Station, hours: CompiledHours) -> StationDrawState {
        guard station.status == .active else { return .inactive }
        switch self {
        case .at(let t):
            switch hours.state(atEpochSeconds: t) {
            case .open: return .open
            case .closed: return .closed
            case .unknown: return .unknown
            }
        case .anyTimeInWeek(let monday):
            return hours.isOpenSometime(fromEpochSeconds: monday, seconds: CoverageTime.weekSeconds) ? .open : .closed
        case .ignoringHours:
            return .open
        }
    }
}
