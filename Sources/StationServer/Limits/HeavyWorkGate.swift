import Foundation
import Synchronization

/// Admission for the heavy routes: at most `workers` at once, at most `queue` more waiting in
/// arrival order, and a refusal (503) for the rest instead of a queue without end.
final class HeavyWorkGate: Sendable {
    let workers: Int
    let queueLimit: Int

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
    }

    private let state = Mutex(State())

    init(workers: Int, queue: Int) {
        self.workers = workers
        queueLimit = queue
    }

    /// Waits for a worker; false when every worker is busy and the queue is full.
    func enter() async -> Bool {
        await withCheckedContinuation { continuation in
            state.withLock { s in
                if s.running < workers {
                    s.running += 1
                    continuation.resume(returning: true)
                } else if s.waiting.count < queueLimit {
                    s.waiting.append(continuation)
                } else {
                    continuation.resume(returning: false)
                }
            }
        }
    }

    /// Hands the worker to the longest waiting request, or frees it.
    func leave() {
        state.withLock { s in
            if s.waiting.isEmpty {
                s.running -= 1
            } else {
                s.waiting.removeFirst().resume(returning: true)
            }
        }
    }

    /// Requests computing and waiting now (for tests and metrics).
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count) } }
}
