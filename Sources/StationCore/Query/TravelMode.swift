/// How the worker travels to a station, which sets the arrival time used by ``OpenPolicy/arrival``.
///
/// Travel time = straight-line (great-circle) distance x ``detourFactor`` / speed. The speeds are
/// deliberately modest urban figures: 4.5 km/h walking (a common planning value for pedestrians),
/// 15 km/h by e-bike (below China's 25 km/h legal cap for e-bikes, allowing for junctions), 25 km/h by
/// car (average urban speed with traffic). The detour factor 1.3 is a typical ratio of street-network
/// to straight-line distance in a grid city like Beijing.
public enum TravelMode: String, CaseIterable, Sendable, Codable {
    case walk, ebike, car

    /// Ratio of the street route to the straight line, applied to every mode.
    public static let detourFactor = 1.3

    /// Average speed in kilometres per hour.
    public var speedKilometresPerHour: Double {
        switch self {
        case .walk: return 4.5
        case .ebike: return 15
        case .car: return 25
        }
    }

    /// Average speed in metres per second.
    public var speedMetresPerSecond: Double { speedKilometresPerHour / 3.6 }

    /// Travel time in seconds for a straight-line distance in metres (detour included, not rounded).
    @inlinable
    public func travelSeconds(forDistanceMetres d: Double) -> Double {
        d * TravelMode.detourFactor / speedMetresPerSecond
    }

    /// Whole seconds of travel, rounded up: the value added to the query time to get the arrival time.
    @inlinable
    public func travelSecondsRoundedUp(forDistanceMetres d: Double) -> Int64 {
        Int64(travelSeconds(forDistanceMetres: d).rounded(.up))
    }
}

/// Which opening condition a nearest-station query requires.
public enum OpenPolicy: String, CaseIterable, Sendable, Codable {
    /// Open at the query time (the answer still reports the arrival time and the state then).
    case now
    /// Open at the arrival time (query time + travel time) and staying open at least
    /// ``NearestQuery/minOpenMinutes`` more minutes.
    case arrival
}
