import Hummingbird
import Synchronization

/// Closes the connection of a request whose body has not arrived in full within the deadline after
/// its head (a client trickling its upload), so a slow body cannot hold a connection and a handler
/// without end. Slow heads are Hummingbird's idle timeout's business (see `buildApplication`).
struct BodyDeadlineMiddleware: RouterMiddleware {
    typealias Context = StationRequestContext
    let seconds: Int

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post || request.method == .put else { return try await next(request, context) }
        let arrived = ArrivalFlag()
        var request = request
        request.body = RequestBody(asyncSequence: ArrivalMarkingBody(base: request.body, arrived: arrived))
        let close = context.closeConnection
        let deadline = seconds
        let watchdog = Task {
            try await Task.sleep(for: .seconds(deadline))
            if !arrived.isSet { close() }
        }
        defer { watchdog.cancel() }
        return try await next(request, context)
    }
}

/// Set once a request body has been read to its end.
final class ArrivalFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}

/// A request body that sets its flag when its last part has been read.
struct ArrivalMarkingBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let arrived: ArrivalFlag

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let arrived: ArrivalFlag

        mutating func next() async throws -> ByteBuffer? {
            let part = try await base.next()
            if part == nil { arrived.set() }
            return part
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), arrived: arrived) }
}
