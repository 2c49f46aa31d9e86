import Foundation
import Synchronization

/// The one parallel-for of the package: runs independent jobs on all cores and returns their results
/// in input order (kd-tree building, import validation, coverage per district).
public enum Parallel {
    /// `body(i)` for every `i` in `0..<count`, side by side; `progress(finished, count)` after each job.
    public static func map<T: Sendable>(
        _ count: Int, progress: (@Sendable (Int, Int) -> Void)? = nil, _ body: @Sendable (Int) -> T
    ) -> [T] {
        let slots = Mutex<(values: [T?], finished: Int)>((Array(repeating: nil, count: count), 0))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let value = body(i)
            let finished = slots.withLock { s in
                s.values[i] = value
                s.finished += 1
                return s.finished
            }
            progress?(finished, count)
        }
        return slots.withLock { $0.values.map { $0! } }
    }

    /// ``map(_:progress:_:)`` for jobs that can fail: the first error in input order is thrown.
    public static func map<T: Sendable>(
        _ count: Int, progress: (@Sendable (Int, Int) -> Void)? = nil, _ body: @Sendable (Int) throws -> T
    ) throws -> [T] {
        try map(count, progress: progress) { i in Result { try body(i) } }.map { try $0.get() }
    }

    /// Splits `0..<count` into one contiguous chunk per core (at most 8) and maps each chunk on its own
    /// thread; results in chunk order. Fewer than `2 * minimumPerChunk` items run on the calling thread.
    public static func mapChunks<T: Sendable>(
        count: Int, minimumPerChunk: Int = 2_000, _ body: @Sendable (Range<Int>) -> T
    ) -> [T] {
        let chunks = count < 2 * minimumPerChunk ? 1 : max(1, min(8, activeProcessorCount))
        if chunks == 1 { return [body(0..<count)] }
        let per = (count + chunks - 1) / chunks
        return map(chunks) { c in body(min(count, c * per)..<min(count, (c + 1) * per)) }
    }

    static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
