import StationCore

extension CoverageAnalyzer {
    /// Ranks the district's square cells by demand left uncovered, worst first (top `options.top`);
    /// `progress` hears (grid rows done, rows) for a long ranking.
    ///
    /// Demand comes from `options.demand`, else the analyzer's layer. Without either it is spread
    /// evenly, so every wholly uncovered cell scores the same; those ties go to the cell farthest from
    /// an eligible station, which makes the ranking one by distance (``DistrictGaps/isUniformDemand``).
    public func gaps(in shape: DistrictShape, options: GapOptions,
                     progress: ((Int, Int) -> Void)? = nil) throws -> DistrictGaps {
        var options = options
        if options.demand == nil { options.demand = demand }
        try options.validate()
        let workspace = try DistrictWorkspace(shape: shape, context: GEOSContext())
        let covered = try coveredGeometry(workspace, options: options.coverage)
        let coverage = try DistrictCoverage(shape: shape, areaSquareMetres: workspace.areaSquareMetres,
                                            coveredSquareMetres: covered.geometry.area(),
                                            stations: workspace.countInside(covered.points),
                                            population: population[shape.name.adcode])
        let eligible = stations.filter(options.coverage.isEligible).map(\.location)
        let ranked = try GapFinder(workspace: workspace, covered: covered.geometry, options: options, eligible: eligible)
            .rank(progress: progress)
        return DistrictGaps(coverage: coverage, cellMetres: options.cellMetres, cellsAnalysed: ranked.analysed, cells: ranked.cells,
                            demandSource: options.demand.map { $0.sourceName ?? "demand layer" } ?? "uniform")
    }
}
