import StationCore

/// Answers coverage questions (coverage, gaps, profile, export) for a fixed set of districts and
/// stations. A Sendable value: every call builds its GEOS objects in its own contexts.
public struct CoverageAnalyzer: Sendable {
    public let districts: [DistrictShape]
    public let stations: [CoverageStation]
    /// Census population by adcode.
    public let population: [String: Int]
    /// Where demand sits (a population raster, points or polygons); nil spreads demand evenly within
    /// each district. Coverage's population-weighted figures, gaps, profile and recommend all use it.
    public let demand: DemandLayer?

    public init(districts: [DistrictShape], stations: [CoverageStation], population: [String: Int] = [:],
                demand: DemandLayer? = nil) {
        self.districts = districts
        self.stations = stations
        self.population = population
        self.demand = demand
    }

    /// The district named by adcode, Chinese name or pinyin, or an error listing the valid names.
    public func district(matching query: String) throws(CoverageError) -> DistrictShape {
        if let shape = districts.first(where: { $0.name.matches(query) }) { return shape }
        throw .unknownDistrict(query: query, valid: districts.map { "\($0.name.adcode) \($0.name.name) \($0.name.pinyin)" })
    }

    /// Coverage of the given districts (all when nil), computed in parallel, in the given order;
    /// `progress` hears (districts done, districts).
    public func coverage(of shapes: [DistrictShape]? = nil, options: CoverageOptions,
                         progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [DistrictCoverage] {
        try options.validate()
        let shapes = shapes ?? districts
        let eligible = eligibility(options)
        // Busiest districts first, so the last job to finish is a small one.
        let order = ParallelMap.busiestFirst(shapes, stations: stations)
        let results = try Parallel.map(shapes.count, progress: progress) { k in
            try coverage(of: shapes[order[k]], options: options, eligible: eligible)
        }
        var ordered = results
        for (k, i) in order.enumerated() { ordered[i] = results[k] }
        return ordered
    }

    /// Coverage of one district (in a fresh GEOS context).
    public func coverage(of shape: DistrictShape, options: CoverageOptions) throws -> DistrictCoverage {
        try options.validate()
        return try coverage(of: shape, options: options, eligible: eligibility(options))
    }

    /// Which stations count under `options` (hours are evaluated once per analysis, not per district).
    func eligibility(_ options: CoverageOptions) -> [Bool] {
        stations.map(options.isEligible)
    }

    private func coverage(of shape: DistrictShape, options: CoverageOptions, eligible: [Bool]) throws -> DistrictCoverage {
        let workspace = try DistrictWorkspace(shape: shape, context: GEOSContext())
        let covered = try coveredGeometry(workspace, options: options, eligible: eligible)
        var result = try DistrictCoverage(shape: shape, areaSquareMetres: workspace.areaSquareMetres,
                                          coveredSquareMetres: covered.geometry.area(),
                                          stations: workspace.countInside(covered.points),
                                          population: population[shape.name.adcode])
        result.minStations = options.minStations
        if let demand {
            let points = try DistrictDemand(workspace: workspace, layer: demand, cellMetres: GapOptions.defaultCellMetres)
            let reaching = covered.points.map { workspace.projection.inverse(x: $0.x, y: $0.y) }
            result.useDemand(source: demand.sourceName ?? "demand layer", total: points.total,
                             covered: points.coveredDemand(by: reaching, radiusMetres: options.radiusMetres,
                                                           minStations: options.minStations))
        }
        return result
    }

    /// The covered area of a district and the eligible station points that made it.
    func coveredGeometry(_ workspace: DistrictWorkspace, options: CoverageOptions, eligible: [Bool]? = nil) throws -> (geometry: Geometry, points: [PlanarPoint]) {
        let eligible = eligible ?? eligibility(options)
        let points = try workspace.candidates(stations, radius: options.radiusMetres, where: { eligible[$0] }).map(\.point)
        let geometry = options.minStations >= 2
            ? try workspace.coveredTwiceGeometry(points: points, radius: options.radiusMetres, quadrantSegments: options.quadrantSegments)
            : try workspace.coveredGeometry(points: points, radius: options.radiusMetres, quadrantSegments: options.quadrantSegments)
        return (geometry, points)
    }

    /// The same analyzer with another demand layer (nil: demand spread evenly within each district).
    public func with(demand layer: DemandLayer?) -> CoverageAnalyzer {
        CoverageAnalyzer(districts: districts, stations: stations, population: population, demand: layer)
    }
}
