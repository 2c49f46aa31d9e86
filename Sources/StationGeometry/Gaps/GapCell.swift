import StationCore

/// Knobs for the underserved-cell ranking.
public struct GapOptions: Sendable {
    public var coverage: CoverageOptions
    /// Side of the square cells, metres (50 m ... 5 km).
    public var cellMetres: Double
    /// How many of the worst cells to return.
    public var top: Int
    /// Demand layer; nil spreads demand evenly over area (a cell's demand is its area in km²).
    public var demand: DemandLayer?

    public static let defaultCellMetres = 250.0
    public static let cellRangeMetres: ClosedRange<Double> = 50...5_000

    public init(coverage: CoverageOptions = CoverageOptions(), cellMetres: Double = GapOptions.defaultCellMetres,
                top: Int = 20, demand: DemandLayer? = nil) {
        self.coverage = coverage
        self.cellMetres = cellMetres
        self.top = top
        self.demand = demand
    }

    public func validate() throws(CoverageError) {
        try coverage.validate()
        guard cellMetres.isFinite, GapOptions.cellRangeMetres.contains(cellMetres) else {
            throw .invalidCellSize("cell size must be between 50 m and 5000 m, got \(cellMetres)")
        }
        guard top >= 1 else { throw .invalidCellSize("--top must be at least 1, got \(top)") }
    }
}

/// One grid cell of a district ranked by unmet demand (the `gaps` row and an export feature).
///
/// Cells are squares of the district's local azimuthal-equidistant plane, clipped to the
/// district: squares are simple, have an exact known area, tile without gaps and aggregate
/// into coarser squares; hexagons would only make neighbour distances more uniform.
public struct GapCell: Sendable, Hashable, Codable {
    /// 1 = worst.
    public var rank: Int
    public var district: String
    /// Centre of the cell (centroid of the clipped part when the district boundary cuts it), WGS-84.
    public var lon: Double
    public var lat: Double
    /// Area of the cell inside the district, km².
    public var cellAreaKm2: Double
    /// Share of the cell (inside the district) no eligible station's disc reaches, 0...1.
    public var uncoveredFraction: Double
    /// Haversine distance from the centre to the nearest eligible station, metres (nil: none at all).
    public var distanceM: Double?
    /// Demand in the cell: its area in km² by default, else the sum of demand weights falling in it.
    public var demand: Double
    /// demand × uncovered fraction: the demand no station serves.
    public var score: Double
    /// The clipped cell in WGS-84 (for GeoJSON export; not part of the JSON row).
    public var outline: [GeoPolygon]

    enum CodingKeys: String, CodingKey {
        case rank, district, lon, lat
        case cellAreaKm2 = "cell_area_km2"
        case uncoveredFraction = "uncovered_fraction"
        case distanceM = "distance_m"
        case demand, score
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rank = try c.decode(Int.self, forKey: .rank)
        district = try c.decode(String.self, forKey: .district)
        lon = try c.decode(Double.self, forKey: .lon)
        lat = try c.decode(Double.self, forKey: .lat)
        cellAreaKm2 = try c.decode(Double.self, forKey: .cellAreaKm2)
        uncoveredFraction = try c.decode(Double.self, forKey: .uncoveredFraction)
        distanceM = try c.decodeIfPresent(Double.self, forKey: .distanceM)
        demand = try c.decode(Double.self, forKey: .demand)
        score = try c.decode(Double.self, forKey: .score)
        outline = []
    }

    init(rank: Int, district: String, centre: LonLat, cellAreaKm2: Double, uncoveredFraction: Double,
         distanceM: Double?, demand: Double, score: Double, outline: [GeoPolygon]) {
        self.rank = rank
        self.district = district
        lon = centre.lon
        lat = centre.lat
        self.cellAreaKm2 = cellAreaKm2
        self.uncoveredFraction = uncoveredFraction
        self.distanceM = distanceM
        self.demand = demand
        self.score = score
        self.outline = outline
    }
}

/// The ranking for one district.
public struct DistrictGaps: Sendable {
    public var coverage: DistrictCoverage
    public var cellMetres: Double
    /// Cells of the grid that overlap the district.
    public var cellsAnalysed: Int
    /// The worst cells, worst first.
    public var cells: [GapCell]
    /// "uniform" (demand spread evenly: each cell's demand is its area) or the demand layer's name.
    public var demandSource: String = "uniform"

    /// True when demand is spread evenly, so equal scores are ranked by distance to the nearest station.
    public var isUniformDemand: Bool { demandSource == "uniform" }

    /// The sentence that says how cells were ranked under uniform demand (nil with a demand layer).
    public var uniformDemandNote: String? {
        isUniformDemand
            ? "Demand is uniform (no demand layer): every wholly uncovered cell scores its area, so cells with equal scores are ranked by distance to the nearest open station, farthest first."
            : nil
    }
}
