import Foundation

/// Runs independent jobs on all cores and returns their results in input order.
///
/// Each job must create its own GEOS context: contexts never cross threads.
enum ParallelMap {
    static func map<T: Sendable>(_ count: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                 _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let done = results.set(i, Result { try body(i) })
            progress?(done, count)
        }
        return try results.values()
    }
}

extension ParallelMap {
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

/// Lock-guarded result slots filled from concurrent jobs.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    private var finished = 0

    /// Stores one result; returns how many jobs have finished.
    func set(_ i: Int, _ value: Result<T, any Error>) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[i] = value
        finished += 1
        return finished
    }

    func values() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { slot in
            guard let slot else { throw GEOSError(operation: "parallel job", message: "a job did not finish") }
            return try slot.get()
        }
    }
}
