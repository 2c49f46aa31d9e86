import StationCore
import StationOptimization

extension CoverageAnalyzer {
    /// Where the next `options.count` stations should go in a district, keeping the existing ones.
    ///
    /// Existing eligible stations (inside the district or near its border) cover demand first; the
    /// sites are chosen by greedy + swap over the candidates (``CoveringSolver``) and the answer
    /// carries an upper bound from the LP relaxation (``CoveringBound``), hence its own optimality gap.
    public func recommend(in shape: DistrictShape, options: RecommendOptions) throws -> SiteRecommendation {
        let instance = try recommendationInstance(in: shape, options: options)
        let problem = instance.problem
        let bound = try CoveringBound.upperBound(
            problem, count: options.count, timeLimitMilliseconds: Int32((options.boundSeconds * 1_000).rounded()))
        let solution = CoveringSolver.solve(problem, count: options.count, hint: bound.leadingCandidates(options.count))
        // The bound is certified from dual prices; it can only fall short of the answer by round-off.
        let upper = max(bound.coveredDemand, solution.coveredAfter)
        let total = instance.demandTotal
        let eligible = stations.filter(options.coverage.isEligible).map(\.location)
        let ranked = solution.chosen.enumerated().map { rank, j in
            let site = instance.sites[j]
            return SiteRecommendation.Site(
                rank: rank + 1, lon: site.location.lon, lat: site.location.lat, id: site.id,
                addedDemand: solution.addedDemand[rank],
                addedPct: total > 0 ? solution.addedDemand[rank] / total * 100 : 0,
                nearestStationM: Self.nearestDistance(from: site.location, to: eligible))
        }
        return SiteRecommendation(
            district: shape.name.adcode, radiusM: options.coverage.radiusMetres, count: ranked.count, demandTotal: total,
            coveredBefore: solution.coveredBefore, coveredAfter: solution.coveredAfter, upperBound: upper,
            gapPct: upper > 0 ? (upper - solution.coveredAfter) / upper * 100 : 0,
            demandSource: instance.demandSource, sites: ranked, districtName: shape.name.name,
            districtPinyin: shape.name.pinyin, minStations: options.minStations, countAsked: options.count,
            candidatesConsidered: instance.sites.count, demandPoints: problem.weights.count, swaps: solution.swaps,
            boundOptimal: bound.optimal)
    }

    /// The covering problem a recommendation solves: the district's demand points, what the existing
    /// eligible stations already reach, and the candidates with the points each would reach.
    public func recommendationInstance(in shape: DistrictShape, options: RecommendOptions) throws -> RecommendationInstance {
        try options.validate()
        let radius = options.coverage.radiusMetres
        let layer = options.demand ?? demand
        let workspace = try DistrictWorkspace(shape: shape, context: GEOSContext())
        let demandPoints = try DistrictDemand(workspace: workspace, layer: layer, cellMetres: options.cellMetres)
        guard !demandPoints.weights.isEmpty else {
            throw RecommendError.noDemand("the demand layer \(layer?.sourceName ?? "") has no demand inside district \(shape.name.adcode) \(shape.name.pinyin)")
        }
        // Eligible stations whose disc reaches the district, those just over its border included.
        let nearby = try workspace.candidates(stations, radius: radius, where: { options.coverage.isEligible(stations[$0]) })
        let existingReach = demandPoints.reachCounts(of: nearby.map { stations[$0.index].location }, radiusMetres: radius)
        let sites = try options.candidates.map { try checkedInside($0, workspace) }
            ?? gapCellCandidates(demandPoints, existingReach: existingReach, minStations: options.minStations, workspace: workspace)
        let index = RadiusNeighbours(points: demandPoints.locations, radiusMetres: radius)
        let problem = CoveringProblem(weights: demandPoints.weights, existingReach: existingReach,
                                      reach: sites.map { index.within($0.location) }, requiredReach: options.minStations)
        return RecommendationInstance(
            problem: problem, sites: sites, demandTotal: demandPoints.total,
            demandSource: layer == nil ? SiteRecommendation.uniformSource : (layer?.sourceName ?? "demand layer"))
    }

    /// The planner's candidates, each checked to lie in the district (boundary included).
    private func checkedInside(_ candidates: [CandidateSite], _ w: DistrictWorkspace) throws -> [CandidateSite] {
        for c in candidates {
            let xy = w.project(c.location)
            guard w.box.contains(xy), try w.preparedGeometry.covers(xy) else {
                throw RecommendError.candidateOutside(
                    source: "candidates", origin: c.origin,
                    reason: "site \(c.id) at \(c.location.lon),\(c.location.lat) is outside district \(w.shape.name.adcode) \(w.shape.name.pinyin)")
            }
        }
        return candidates
    }

    /// The centres of the grid cells holding demand that the existing stations leave short.
    private func gapCellCandidates(_ demand: DistrictDemand, existingReach: [Int], minStations: Int,
                                   workspace: DistrictWorkspace) throws -> [CandidateSite] {
        var cells = Set<Int>()
        for i in demand.weights.indices where existingReach[i] < minStations && demand.weights[i] > 0 {
            cells.insert(demand.cells[i])
        }
        let columns = demand.grid.columns
        return try cells.sorted().map { cell in
            let centre = try demand.grid.centre(of: cell, in: workspace)
            return CandidateSite(location: workspace.projection.inverse(x: centre.x, y: centre.y),
                                 id: "cell r\(cell / columns) c\(cell % columns)", origin: "gap cell")
        }
    }

    /// Haversine metres from `p` to the nearest of `stations` (nil when there are none).
    static func nearestDistance(from p: LonLat, to stations: [LonLat]) -> Double? {
        guard !stations.isEmpty else { return nil }
        let origin = DistanceOrigin(p)
        var best = Double.infinity
        for s in stations { best = min(best, Earth.distanceMetres(from: origin, to: s)) }
        return best
    }
}

/// A recommendation's covering problem with the sites its candidate indices stand for.
public struct RecommendationInstance: Sendable {
    public var problem: CoveringProblem
    public var sites: [CandidateSite]
    public var demandTotal: Double
    public var demandSource: String
}
