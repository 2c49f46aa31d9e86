import StationGeometry

/// The `recommend` table: the JSON document's figures said in words, then one row per site.
enum RecommendationText {
    static func lines(_ r: SiteRecommendation) -> [String] {
        let f = CoverageCLI.f
        func pct(_ v: Double) -> String { r.demandTotal > 0 ? f(v / r.demandTotal * 100, 2) : "0.00" }
        let reach = r.minStations == 2 ? "reached by at least 2 stations" : "covered"
        let unit = r.isUniformDemand ? " km²" : ""
        var out: [String] = []
        out.append("\(r.district) \(r.districtName) \(r.districtPinyin): \(r.count) site\(r.count == 1 ? "" : "s") recommended (asked \(r.countAsked)) at \(f(r.radiusM, 0)) m, from \(r.candidatesConsidered) candidates and \(r.demandPoints) demand points")
        if r.isUniformDemand {
            out.append(CoverageCLI.uniformDemandNote + " Demand here is area in km².")
        } else {
            out.append("Demand from \(r.demandSource).")
        }
        out.append("Demand \(reach): \(f(r.coveredBefore, 2))\(unit) of \(f(r.demandTotal, 2))\(unit) (\(pct(r.coveredBefore)) %) now, \(f(r.coveredAfter, 2))\(unit) (\(pct(r.coveredAfter)) %) with these sites.")
        out.append("No \(r.countAsked) candidates can reach more than \(f(r.upperBound, 2))\(unit) (LP bound\(r.boundOptimal ? "" : ", solver stopped early")): this answer is within \(f(r.gapPct, 2)) % of the best.")
        if r.count < r.countAsked {
            out.append("Only \(r.count) site\(r.count == 1 ? "" : "s") add demand; more would add nothing.")
        }
        var table = TextTable(["rank", "lon", "lat", "added_demand", "added_%", "nearest_station_m", "id"],
                              rightAligned: [0, 3, 4, 5])
        for s in r.sites {
            table.append([String(s.rank), f(s.lon, 6), f(s.lat, 6), f(s.addedDemand, 3), f(s.addedPct, 2),
                          s.nearestStationM.map { f($0, 0) } ?? "none", s.id])
        }
        out.append(table.render())
        return out
    }
}
