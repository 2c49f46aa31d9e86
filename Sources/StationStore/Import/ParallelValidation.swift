import Foundation
import StationCore
import StationGeometry

/// Validates records on all cores: the records are cut into contiguous chunks, each checked by
/// its own ``LedgerValidator`` (its caches are per chunk), results kept in record order.
enum ParallelValidation {
    /// One chunk's valid stations and problems (problems capped at the report limit, counted in full).
    struct Chunk: Sendable {
        var stations: [Station] = []
        var issues: [(index: Int, issue: ImportIssue)] = []
        var issueCount = 0
    }

    static func run(records: [LedgerRecord], skip: [Bool], crs: CoordinateSystem, districts: DistrictMap) -> [Chunk] {
        Parallel.mapChunks(count: records.count) { range in
            var validator = LedgerValidator(crs: crs, districts: districts)
            var chunk = Chunk()
            chunk.stations.reserveCapacity(range.count)
            for i in range where !skip[i] {
                var collector = IssueCollector()
                if let s = validator.station(records[i], issues: &collector) {
                    chunk.stations.append(s)
                } else {
                    chunk.issueCount += collector.count
                    for issue in collector.issues where chunk.issues.count < LedgerImportError.limit {
                        chunk.issues.append((i, issue))
                    }
                }
            }
            return chunk
        }
    }
}
