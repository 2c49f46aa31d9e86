import StationCore

extension CoverageAnalyzer {
    /// Ranks the district's square cells by demand left uncovered, worst first (top `options.top`);
    /// `progress` hears (grid rows done, rows) for a long ranking.
    public func gaps(in shape: DistrictShape, options: GapOptions,
                     progress: ((Int, Int) -> Void)? = nil) throws -> DistrictGaps {
        try options.validate()
        let workspace = try DistrictWorkspace(shape: shape, context: GEOSContext())
        let covered = try coveredGeometry(workspace, options: options.coverage)
        let coverage = try DistrictCoverage(shape: shape, areaSquareMetres: workspace.areaSquareMetres,
                                            coveredSquareMetres: covered.geometry.area(),
                                            stations: workspace.countInside(covered.points),
                                            population: population[shape.name.adcode])
        let eligible = stations.filter(options.coverage.isEligible).map(\.location)
        let ranked = try GapFinder(workspace: workspace, covered: covered.geometry, options: options, eligible: eligible).rank(progress: progress)
        return DistrictGaps(coverage: coverage, cellMetres: options.cellMetres, cellsAnalysed: ranked.analysed, cells: ranked.cells)
    }
}
