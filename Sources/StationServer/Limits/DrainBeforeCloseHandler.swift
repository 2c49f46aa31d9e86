import NIOCore

/// Holds a connection's full close back until the response bytes already written to it have gone
/// to the socket, so a graceful shutdown (SIGTERM) does not cut short an answer in flight.
///
/// When the server quiesces, Hummingbird closes each connection as soon as the last part of its
/// response has been *written*; NIO's close then throws away whatever the socket has not accepted
/// yet. An answer larger than the socket's buffer (the 7 MB coverage export) reached the client cut
/// short, with a 200 status. This handler sits below Hummingbird's connection-state handler in the
/// pipeline, counts the writes not yet done and passes a close on once they are, or after
/// `drainSeconds` at the latest, so a client that stops reading cannot hold the connection (or the
/// shutdown) for ever. Half-closes pass straight through: NIO already sends those after the writes.
final class DrainBeforeCloseHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = Any
    typealias OutboundOut = Any

    private let drainSeconds: Int64
    private var unfinishedWrites = 0
    private var heldPromises: [EventLoopPromise<Void>?] = []
    private var drainDeadline: Scheduled<Void>?

    /// `drainSeconds`: longest a closing connection waits for its written answer to reach the client.
    init(drainSeconds: Int = 10) {
        self.drainSeconds = Int64(drainSeconds)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let written = promise ?? context.eventLoop.makePromise(of: Void.self)
        unfinishedWrites += 1
        written.futureResult.assumeIsolated().whenComplete { _ in
            self.unfinishedWrites -= 1
            if self.unfinishedWrites == 0 { self.releaseClose(context) }
        }
        context.write(data, promise: written)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, unfinishedWrites > 0 else {
            context.close(mode: mode, promise: promise)
            return
        }
        heldPromises.append(promise)
        if drainDeadline == nil {
            context.flush()
            drainDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(drainSeconds)) {
                self.releaseClose(context)
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        drainDeadline?.cancel()
        drainDeadline = nil
    }

    /// Passes the held close on (once), completing every promise that waited for it.
    private func releaseClose(_ context: ChannelHandlerContext) {
        guard drainDeadline != nil else { return }
        drainDeadline?.cancel()
        drainDeadline = nil
        let promises = heldPromises
        heldPromises = []
        let closed = context.eventLoop.makePromise(of: Void.self)
        closed.futureResult.assumeIsolated().whenComplete { result in
            for promise in promises { promise?.completeWith(result) }
        }
        context.close(mode: .all, promise: closed)
    }
}
