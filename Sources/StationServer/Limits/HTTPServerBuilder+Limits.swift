import Hummingbird
import HummingbirdCore

extension HTTPServerBuilder {
    /// The HTTP/1.1 server `serve` runs: Hummingbird's idle timeout bounds a slow request head (and an
    /// idle keep-alive connection), and a close waits for the bytes already written (see
    /// ``DrainBeforeCloseHandler``) so a graceful shutdown lets the answers in flight arrive whole.
    public static func stationFinder(_ limits: ServiceLimits) -> HTTPServerBuilder {
        .http1(configuration: .init(
            additionalChannelHandlers: [DrainBeforeCloseHandler()],
            idleTimeout: .seconds(Int64(limits.idleTimeoutSeconds))))
    }
}
