/// Lets one task at a time through a section that awaits (an async mutex), first come first served.
///
/// ``LedgerService`` runs its snapshot rebuilds through one, so a write's own rebuild and the
/// notification of that same write never build two snapshots of one version.
actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` once every earlier caller's body has finished.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer { passOn() }
        return try await body()
    }

    private func passOn() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
