import StationCore

/// When a station is open, as coverage needs it (the hours helper's `CompiledHours` conforms).
public protocol StationSchedule: Sendable {
    /// Open at this instant (unknown counts as not open).
    func isOpen(atEpochSeconds t: Int64) -> Bool
    /// Open at some instant of [from, from + seconds).
    func isOpenSometime(fromEpochSeconds from: Int64, seconds: Int64) -> Bool
}

/// A schedule that is always open (24/7 stations, and tests).
public struct AlwaysOpen: StationSchedule {
    public init() {}
    public func isOpen(atEpochSeconds t: Int64) -> Bool { true }
    public func isOpenSometime(fromEpochSeconds from: Int64, seconds: Int64) -> Bool { seconds > 0 }
}

/// A schedule that is never open (hours that failed to parse count as closed).
public struct NeverOpen: StationSchedule {
    public init() {}
    public func isOpen(atEpochSeconds t: Int64) -> Bool { false }
    public func isOpenSometime(fromEpochSeconds from: Int64, seconds: Int64) -> Bool { false }
}

/// What coverage needs to know about one station: where, who may enter, whether it operates, when.
public struct CoverageStation: Sendable {
    public var id: String
    public var location: LonLat
    /// Grade A or B (open to everyone); false for members-only grade C.
    public var isPublic: Bool
    /// Status active (suspended or closed stations never count).
    public var isActive: Bool
    public var schedule: any StationSchedule

    public init(id: String, location: LonLat, isPublic: Bool, isActive: Bool = true,
                schedule: any StationSchedule = AlwaysOpen()) {
        self.id = id
        self.location = location
        self.isPublic = isPublic
        self.isActive = isActive
        self.schedule = schedule
    }
}

/// The moment a coverage question is about.
public enum CoverageTime: Sendable, Hashable {
    /// Stations open at this instant.
    case at(epochSeconds: Int64)
    /// Stations open at some point of the week starting at this instant.
    case anyTimeInWeek(startingEpochSeconds: Int64)
    /// Every active station regardless of hours.
    case ignoringHours

    /// Seconds in a week.
    public static let weekSeconds: Int64 = 7 * 86_400
}

/// The knobs of a coverage question.
public struct CoverageOptions: Sendable, Hashable {
    /// Service radius around each station, metres (0 < r <= 50 km).
    public var radiusMetres: Double
    public var time: CoverageTime
    /// Count members-only (grade C) stations too.
    public var includeMembersOnly: Bool
    /// Segments per quarter circle of each station's disc (see ``DiscPolygon``).
    public var quadrantSegments: Int
    /// Stations a place needs within the radius to count as covered: 1, or 2 for cross-coverage.
    public var minStations: Int

    public static let defaultRadiusMetres = 500.0
    public static let radiusRangeMetres: ClosedRange<Double> = 1...50_000

    public init(radiusMetres: Double = CoverageOptions.defaultRadiusMetres, time: CoverageTime = .ignoringHours,
                includeMembersOnly: Bool = false, quadrantSegments: Int = 8, minStations: Int = 1) {
        self.radiusMetres = radiusMetres
        self.time = time
        self.includeMembersOnly = includeMembersOnly
        self.quadrantSegments = quadrantSegments
        self.minStations = minStations
    }

    /// Whether `station` counts under these options.
    public func isEligible(_ station: CoverageStation) -> Bool {
        guard station.isActive, station.isPublic || includeMembersOnly else { return false }
        return isOpen(station.schedule, time)
    }

    func isOpen(_ schedule: any StationSchedule, _ time: CoverageTime) -> Bool {
        switch time {
        case .at(let t): return schedule.isOpen(atEpochSeconds: t)
        case .anyTimeInWeek(let start): return schedule.isOpenSometime(fromEpochSeconds: start, seconds: CoverageTime.weekSeconds)
        case .ignoringHours: return true
        }
    }

    /// Throws a readable error when the radius is out of bounds.
    public func validate() throws(CoverageError) {
        guard radiusMetres.isFinite, radiusMetres > 0 else {
            throw .invalidRadius("radius must be greater than 0 m, got \(radiusMetres)")
        }
        guard radiusMetres <= CoverageOptions.radiusRangeMetres.upperBound else {
            throw .invalidRadius("radius must be at most 50000 m (50 km), got \(radiusMetres)")
        }
        guard (1...64).contains(quadrantSegments) else {
            throw .invalidRadius("quadrant segments must be 1...64, got \(quadrantSegments)")
        }
        guard (1...2).contains(minStations) else {
            throw .invalidMinStations("min stations must be 1 or 2, got \(minStations)")
        }
    }
}

/// Why a coverage question cannot be answered.
public enum CoverageError: Error, Sendable, CustomStringConvertible, Equatable {
    case invalidRadius(String)
    case invalidCellSize(String)
    case invalidMinStations(String)
    case unknownDistrict(query: String, valid: [String])
    case geos(GEOSError)

    public var description: String {
        switch self {
        case .invalidRadius(let s), .invalidCellSize(let s), .invalidMinStations(let s): return s
        case .unknownDistrict(let q, let valid):
            return "unknown district \"\(q)\"; valid districts: \(valid.joined(separator: ", "))"
        case .geos(let e): return e.description
        }
    }
}
