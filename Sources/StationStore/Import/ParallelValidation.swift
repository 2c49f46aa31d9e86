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
        ParallelChunks.map(count: records.count) { range in
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

/// Splits `0..<count` into one contiguous chunk per core and maps each chunk on its own
/// thread; results come back in chunk order. Small inputs run on the calling thread.
enum ParallelChunks {
    static func map<T: Sendable>(count: Int, minimumPerChunk: Int = 2_000, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let chunks = count < 2 * minimumPerChunk ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        if chunks == 1 { return [body(0..<count)] }
        let per = (count + chunks - 1) / chunks
        let slots = Slots<T>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            slots.set(c, body(min(count, c * per)..<min(count, (c + 1) * per)))
        }
        return slots.all()
    }
}

/// One result slot per chunk; each worker writes only its own slot.
private final class Slots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func all() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
