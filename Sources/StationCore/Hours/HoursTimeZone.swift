import Foundation

/// Converts between epoch seconds and wall-clock ``LocalDateTime`` for one time zone.
///
/// Asia/Shanghai (UTC+8 since 1991, no daylight saving) and fixed offsets are pure arithmetic.
/// Other IANA identifiers are resolved once through Foundation's time-zone database into a table of
/// offset changes for 1970...2100, so lookups afterwards never allocate.
public struct HoursTimeZone: Sendable, Hashable {
    /// The identifier this zone was made from ("Asia/Shanghai", "UTC", "+08:00", ...).
    public let identifier: String
    /// Epoch seconds at which `offsets[i]` starts to apply; `changes[0]` is Int64.min.
    let changes: [Int64]
    /// UTC offsets in seconds, parallel to `changes`.
    let offsets: [Int32]

    /// China Standard Time, UTC+8 (the default everywhere in StationFinder).
    public static let shanghai = HoursTimeZone(identifier: "Asia/Shanghai", fixedOffsetSeconds: 8 * 3600)
    /// Coordinated Universal Time.
    public static let utc = HoursTimeZone(identifier: "UTC", fixedOffsetSeconds: 0)

    /// A zone with a constant offset from UTC.
    public init(identifier: String, fixedOffsetSeconds: Int) {
        self.identifier = identifier
        changes = [Int64.min]
        offsets = [Int32(fixedOffsetSeconds)]
    }

    /// A zone from an IANA identifier ("Asia/Shanghai", "Europe/Berlin"), "UTC", or a fixed offset
    /// written "+08:00" / "-05:30"; nil when the identifier is unknown.
    public init?(identifier: String) {
        if identifier == "Asia/Shanghai" || identifier == "Asia/Chongqing" || identifier == "PRC" {
            self = .shanghai
            return
        }
        if identifier == "UTC" || identifier == "Z" || identifier == "Etc/UTC" || identifier == "GMT" {
            self = HoursTimeZone(identifier: identifier, fixedOffsetSeconds: 0)
            return
        }
        let u = Array(identifier.utf8)
        if u.count == 6, u[0] == 43 || u[0] == 45, u[3] == 58,
           let h = Int(String(identifier.dropFirst().prefix(2))), let m = Int(String(identifier.suffix(2))),
           h <= 14, m < 60 {
            self = HoursTimeZone(identifier: identifier, fixedOffsetSeconds: (u[0] == 43 ? 1 : -1) * (h * 3600 + m * 60))
            return
        }
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        var changes: [Int64] = [Int64.min]
        var offsets: [Int32] = [Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)))]
        var cursor = Date(timeIntervalSince1970: 0)
        let end = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end, changes.count < 1000 {
            let offset = Int32(zone.secondsFromGMT(for: next))
            if offset != offsets[offsets.count - 1] {
                changes.append(Int64(next.timeIntervalSince1970.rounded()))
                offsets.append(offset)
            }
            cursor = next
        }
        self.identifier = identifier
        self.changes = changes
        self.offsets = offsets
    }

    /// True when the offset never changes (no daylight saving), as for Asia/Shanghai.
    public var isFixedOffset: Bool { changes.count == 1 }

    /// The UTC offset in seconds in force at an instant.
    @inline(__always)
    public func offsetSeconds(atEpochSeconds t: Int64) -> Int {
        if changes.count == 1 { return Int(offsets[0]) }
        var lo = 0
        var hi = changes.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if changes[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return Int(offsets[lo])
    }

    /// Wall-clock time at an instant (seconds dropped).
    public func local(epochSeconds: Int64) -> LocalDateTime {
        let localSeconds = epochSeconds + Int64(offsetSeconds(atEpochSeconds: epochSeconds))
        return LocalDateTime(totalMinutes: CivilDate.floorDiv(localSeconds, 60))
    }

    /// The instant of a wall-clock time. A time skipped by a daylight-saving change is read with the
    /// offset before the change; a repeated time gives its first occurrence.
    public func epochSeconds(_ local: LocalDateTime) -> Int64 {
        let wall = local.totalMinutes * 60
        if changes.count == 1 { return wall - Int64(offsets[0]) }
        let first = wall - Int64(offsetSeconds(atEpochSeconds: wall - 14 * 3600))
        let second = wall - Int64(offsetSeconds(atEpochSeconds: first))
        if second + Int64(offsetSeconds(atEpochSeconds: second)) == wall { return min(first, second) }
        return first
    }
}
