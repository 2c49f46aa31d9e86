import Foundation

/// Runs independent jobs on all cores and returns their results in input order.
///
/// Each job must create its own GEOS context: contexts never cross threads.
enum ParallelMap {
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            results.set(i, Result { try body(i) })
        }
        return try results.values()
    }
}

/// Lock-guarded result slots filled from concurrent jobs.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<T, any Error>) {
        lock.lock()
        slots[i] = value
        lock.unlock()
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
