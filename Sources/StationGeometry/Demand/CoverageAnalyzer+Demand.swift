import StationCore

extension CoverageAnalyzer {
    /// The analyzer's demand inside a district: how many weighted points and their total (for a
    /// uniform layer, one point per 250 m cell weighing its area in km²).
    public func demandInside(_ shape: DistrictShape) throws -> (points: Int, total: Double) {
        let workspace = try DistrictWorkspace(shape: shape, context: GEOSContext())
        let points = try DistrictDemand(workspace: workspace, layer: demand, cellMetres: GapOptions.defaultCellMetres)
        return (points.weights.count, points.total)
    }
}
