import Foundation

/// Where the server reads the present time: the system clock in service, a fixed one in tests (reports'
/// windows, rate limits and the default report time all come from here).
public struct ServiceClock: Sendable {
    public let nowEpochSeconds: @Sendable () -> Int64

    public init(_ nowEpochSeconds: @escaping @Sendable () -> Int64) {
        self.nowEpochSeconds = nowEpochSeconds
    }

    public static let system = ServiceClock { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}
