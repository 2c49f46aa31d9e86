import Crypto
import Foundation
import Synchronization

/// Limits how many reports one client may file: per station and overall, each within a sliding hour.
///
/// A client is named by a salted SHA-256 of its identity (its address, or its key id), never by the
/// identity itself, and the salt is replaced -- with every hash made from it forgotten -- when the UTC
/// day changes, so no hash is kept more than a day and none can be matched to an address afterwards.
/// Nothing here is written to disk.
public final class ReportRateLimiter: Sendable {
    /// Reports one client may file about one station within ``windowSeconds``.
    public let perStation: Int
    /// Reports one client may file in all within ``windowSeconds``.
    public let perClient: Int
    public static let windowSeconds: Int64 = 3_600

    private struct State {
        var day: Int64 = .min
        var salt: [UInt8] = []
        /// Times of accepted reports, by client hash and by client hash + station.
        var byClient: [String: [Int64]] = [:]
        var byClientStation: [String: [Int64]] = [:]
    }

    private let state = Mutex(State())

    public init(perStation: Int = 5, perClient: Int = 20) {
        self.perStation = perStation
        self.perClient = perClient
    }

    /// Records a report by `client` about `stationID` at `now` when both limits allow it; otherwise the
    /// seconds until one more would be allowed (for `Retry-After`).
    public func admit(client: String, stationID: String, now: Int64) -> Int64? {
        state.withLock { s in
            let day = now >= 0 ? now / 86_400 : (now - 86_399) / 86_400
            if day != s.day {
                s = State(day: day, salt: Self.freshSalt())
            }
            let clientKey = Self.hash(s.salt, client)
            let stationKey = clientKey + "|" + stationID
            let since = now - Self.windowSeconds
            var overall = (s.byClient[clientKey] ?? []).filter { $0 > since }
            var here = (s.byClientStation[stationKey] ?? []).filter { $0 > since }
            var wait: Int64 = 0
            // The oldest report in a full window leaves it `windowSeconds` after it was filed.
            if overall.count >= perClient { wait = max(wait, overall[overall.count - perClient] + Self.windowSeconds - now) }
            if here.count >= perStation { wait = max(wait, here[here.count - perStation] + Self.windowSeconds - now) }
            if wait > 0 {
                s.byClient[clientKey] = overall
                s.byClientStation[stationKey] = here
                return wait
            }
            overall.append(now)
            here.append(now)
            s.byClient[clientKey] = overall
            s.byClientStation[stationKey] = here
            return nil
        }
    }

    /// How many client hashes are held (for tests: none survive a change of day).
    public var heldHashes: Int { state.withLock { $0.byClient.count } }

    private static func freshSalt() -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
    }

    private static func hash(_ salt: [UInt8], _ client: String) -> String {
        var h = SHA256()
        h.update(data: salt)
        h.update(data: Data(client.utf8))
        return h.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
