import Synchronization

/// The verdicts of the latest query about the present, kept for the next queries with the same query
/// time, policy, stay and travel mode.
///
/// Why: a server asked "what is open now" answers thousands of queries a minute with the same query time
/// (times are taken to the minute), and each would otherwise work out the same verdicts again -- at
/// 04:00 on the sample ledger that is 18 schedules, about a fifth of the search. Only queries about the
/// present publish, so a run of queries about arbitrary times costs nothing here but a clock read.
final class VerdictMemo: Sendable {
    struct Key: Equatable, Sendable {
        let atEpochSeconds: Int64
        let policy: OpenPolicy
        let minOpenSeconds: Int64
        let mode: TravelMode
    }

    private struct Entry: Sendable {
        let key: Key
        let verdicts: [ScheduleVerdict]
    }

    private let latest = Mutex<Entry?>(nil)

    /// Copies the remembered verdicts for `key` into `verdicts`; false when there are none.
    func seed(_ verdicts: ScheduleVerdicts, for key: Key) -> Bool {
        latest.withLock { entry in
            guard let entry, entry.key == key else { return false }
            entry.verdicts.withUnsafeBufferPointer {
                verdicts.slots.update(from: $0.baseAddress!, count: ScheduleVerdicts.capacity)
            }
            return true
        }
    }

    /// Remembers `verdicts` for `key` when the query is about the present (within a minute of now).
    func publish(_ verdicts: ScheduleVerdicts, for key: Key, nowEpochSeconds: Int64) {
        guard abs(key.atEpochSeconds - nowEpochSeconds) < 60 else { return }
        let copy = Array(UnsafeBufferPointer(start: verdicts.slots, count: ScheduleVerdicts.capacity))
        latest.withLock { $0 = Entry(key: key, verdicts: copy) }
    }
}
