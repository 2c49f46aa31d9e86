import StationCore

/// The knobs of a site recommendation.
public struct RecommendOptions: Sendable {
    /// Radius, time and which stations count (as in coverage).
    public var coverage: CoverageOptions
    /// How many sites to add, 1 ... 500.
    public var count: Int
    /// Stations or sites a place needs within the radius to count as covered: 1, or 2 (cross-coverage).
    public var minStations: Int
    /// Where sites may go; nil: the centres of the district's grid cells that still have uncovered demand.
    public var candidates: [CandidateSite]?
    /// Demand layer; nil uses the analyzer's layer, and without one demand is spread evenly.
    public var demand: DemandLayer?
    /// Side of the grid cells (uniform demand points and gap-cell candidates), metres.
    public var cellMetres: Double
    /// How long the LP bound may run. Stopped early, the bound is still valid but looser, and the answer
    /// says so (``SiteRecommendation/boundOptimal``); the sites are chosen either way.
    public var boundSeconds: Double

    public static let countRange: ClosedRange<Int> = 1...500
    public static let boundSecondsRange: ClosedRange<Double> = 0.1...600

    public init(coverage: CoverageOptions = CoverageOptions(), count: Int, minStations: Int = 1,
                candidates: [CandidateSite]? = nil, demand: DemandLayer? = nil,
                cellMetres: Double = GapOptions.defaultCellMetres, boundSeconds: Double = 60) {
        self.coverage = coverage
        self.count = count
        self.minStations = minStations
        self.candidates = candidates
        self.demand = demand
        self.cellMetres = cellMetres
        self.boundSeconds = boundSeconds
    }

    public func validate() throws(RecommendError) {
        do { try coverage.validate() } catch { throw .invalidRadius(error.description) }
        guard RecommendOptions.countRange.contains(count) else {
            throw .invalidCount("count must be within 1...500, got \(count)")
        }
        guard (1...2).contains(minStations) else {
            throw .invalidMinStations("min stations must be 1 or 2, got \(minStations)")
        }
        guard cellMetres.isFinite, GapOptions.cellRangeMetres.contains(cellMetres) else {
            throw .invalidRadius("cell size must be between 50 m and 5000 m, got \(cellMetres)")
        }
        guard Self.boundSecondsRange.contains(boundSeconds) else {
            throw .invalidBoundSeconds("the bound's time limit must be within 0.1...600 seconds, got \(boundSeconds)")
        }
    }
}

/// Why a recommendation cannot be made; each names the input at fault.
public enum RecommendError: Error, Sendable, CustomStringConvertible, Equatable {
    case invalidRadius(String)
    case invalidCount(String)
    case invalidMinStations(String)
    case invalidBoundSeconds(String)
    /// A candidate outside the district: the candidates source, the item ("line 3") and the reason.
    case candidateOutside(source: String, origin: String, reason: String)
    /// The demand layer has nothing inside the district.
    case noDemand(String)

    public var description: String {
        switch self {
        case .invalidRadius(let s), .invalidCount(let s), .invalidMinStations(let s), .invalidBoundSeconds(let s), .noDemand(let s):
            return s
        case .candidateOutside(let source, let origin, let reason): return "\(source): \(origin): \(reason)"
        }
    }

    /// The parameter at fault, in the HTTP API's snake_case.
    public var field: String {
        switch self {
        case .invalidRadius: "radius"
        case .invalidCount: "count"
        case .invalidMinStations: "min_stations"
        case .invalidBoundSeconds: "bound_seconds"
        case .candidateOutside: "candidates"
        case .noDemand: "demand"
        }
    }
}

extension CoverageOptions {
    /// The radius a walk of `minutes` reaches, with nearest's walking speed (4.5 km/h) and detour
    /// factor (1.3): 15 minutes is 865 m on the straight line.
    public static func radiusMetres(walkMinutes minutes: Double) -> Double {
        minutes * 60 * TravelMode.walk.speedMetresPerSecond / TravelMode.detourFactor
    }
}
