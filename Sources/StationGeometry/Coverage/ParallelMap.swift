import Foundation

/// The order coverage hands its per-district jobs to ``Parallel`` in.
enum ParallelMap {
    /// District indices ordered by a cheap cost estimate (stations in the district's box), largest first.
    static func busiestFirst(_ shapes: [DistrictShape], stations: [CoverageStation]) -> [Int] {
        let costs = shapes.map { shape -> Int in
            let b = shape.bounds
            return stations.reduce(0) { n, s in
                n + ((s.location.lon >= b.min.lon && s.location.lon <= b.max.lon && s.location.lat >= b.min.lat
                      && s.location.lat <= b.max.lat) ? 1 : 0)
            }
        }
        return shapes.indices.sorted { costs[$0] > costs[$1] }
    }
}
