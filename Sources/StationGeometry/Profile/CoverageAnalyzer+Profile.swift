import StationCore

extension CoverageAnalyzer {
    /// The 168 hourly coverage values of the week containing `epochSeconds` (open at each hour's start).
    ///
    /// Most hours share their set of open stations with other hours (opening hours repeat by
    /// weekday), so the covered area is computed once per distinct set (keyed by the bitset of open
    /// candidate stations) and reused.
    public func weekProfile(of shape: DistrictShape, weekContaining epochSeconds: Int64,
                            timeZone: HoursTimeZone = .shanghai, options: CoverageOptions,
                            progress: ((Int, Int) -> Void)? = nil) throws -> WeekProfile {
        try options.validate()
        let workspace = try DistrictWorkspace(shape: shape, context: GEOSContext())
        var timeless = options
        timeless.time = .ignoringHours
        let candidates = try workspace.candidates(stations, radius: options.radiusMetres, where: { timeless.isEligible(stations[$0]) })
        var inside: [Bool] = []
        for c in candidates {
            inside.append(workspace.box.contains(c.point) ? try workspace.preparedGeometry.covers(c.point) : false)
        }
        let monday = LocalWeek.mondayStart(containing: epochSeconds, timeZone: timeZone)
        let words = (candidates.count + 63) / 64
        var cache: [[UInt64]: Double] = [:]
        // With a demand layer, the demand reached is counted once per distinct set of open stations too.
        let demandPoints = try demand.map { try DistrictDemand(workspace: workspace, layer: $0, cellMetres: GapOptions.defaultCellMetres) }
        var demandCache: [[UInt64]: Double] = [:]
        var hours: [WeekProfile.Hour] = []
        for hour in 0..<168 {
            let t = monday + Int64(hour) * 3600
            var bits = [UInt64](repeating: 0, count: words)
            var points: [PlanarPoint] = []
            var count = 0
            for (k, c) in candidates.enumerated() where stations[c.index].schedule.isOpen(atEpochSeconds: t) {
                bits[k / 64] |= 1 << UInt64(k % 64)
                points.append(c.point)
                if inside[k] { count += 1 }
            }
            let covered: Double
            if let known = cache[bits] {
                covered = known
            } else {
                covered = try workspace.coveredGeometry(points: points, radius: options.radiusMetres,
                                                        quadrantSegments: options.quadrantSegments).area()
                cache[bits] = covered
            }
            var weighted: Double?
            if let demandPoints {
                let reached = demandCache[bits] ?? demandPoints.coveredDemand(
                    by: points.map { workspace.projection.inverse(x: $0.x, y: $0.y) },
                    radiusMetres: options.radiusMetres, minStations: 1)
                demandCache[bits] = reached
                weighted = demandPoints.total > 0 ? reached / demandPoints.total * 100 : 0
            }
            hours.append(WeekProfile.Hour(index: hour, start: timeZone.local(epochSeconds: t).isoString,
                                          coveragePct: workspace.areaSquareMetres > 0 ? covered / workspace.areaSquareMetres * 100 : 0,
                                          stations: count, populationWeightedCoveragePct: weighted))
            progress?(hour + 1, 168)
        }
        return WeekProfile(district: shape.name.adcode, name: shape.name.name, radiusM: options.radiusMetres,
                           weekStart: String(timeZone.local(epochSeconds: monday).isoString.prefix(10)),
                           includeMembersOnly: options.includeMembersOnly, hours: hours,
                           distinctStationSets: cache.count,
                           demandSource: demand.map { $0.sourceName ?? "demand layer" } ?? "uniform")
    }
}
