import Foundation
import StationCore

/// What a coverage, gaps, profile or export answer was computed for: the time (or any time), the
/// radius and whether members-only stations counted. Every output states it, so a planner who ran
/// a command at 03:45 sees that the figures are night figures.
public struct CoverageEcho: Sendable, Hashable, Encodable {
    /// Local Beijing time `YYYY-MM-DDTHH:MM`; for any time, the start of the week looked at; nil
    /// when hours were ignored.
    public var at: String?
    /// Stations open at some point of the week from `at` counted, rather than those open at `at`.
    public var anyTime: Bool
    public var radiusMetres: Double
    public var includeMembersOnly: Bool

    public init(_ options: CoverageOptions) {
        switch options.time {
        case .at(let t):
            at = HoursTimeZone.shanghai.local(epochSeconds: t).isoString
            anyTime = false
        case .anyTimeInWeek(let start):
            at = HoursTimeZone.shanghai.local(epochSeconds: start).isoString
            anyTime = true
        case .ignoringHours:
            at = nil
            anyTime = true
        }
        radiusMetres = options.radiusMetres
        includeMembersOnly = options.includeMembersOnly
    }

    enum CodingKeys: String, CodingKey {
        case at, anyTime = "any_time", radiusMetres = "radius_m", includeMembersOnly = "include_members_only"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(at, forKey: .at)
        try c.encode(anyTime, forKey: .anyTime)
        try c.encode(radiusMetres, forKey: .radiusMetres)
        try c.encode(includeMembersOnly, forKey: .includeMembersOnly)
    }

    /// One line for a table's heading: "at 2026-11-23T05:00 (Beijing time), radius 500 m, public stations only".
    public var sentence: String {
        let when: String
        switch (at, anyTime) {
        case (let at?, false): when = "at \(at) (Beijing time)"
        case (let at?, true): when = "any time in the week from \(at) (Beijing time)"
        case (nil, _): when = "any hour (opening hours ignored)"
        }
        let radius = radiusMetres == radiusMetres.rounded() ? String(Int(radiusMetres)) : String(format: "%.1f", radiusMetres)
        let stations = includeMembersOnly ? "members-only stations included" : "public stations only"
        return "\(when), radius \(radius) m, \(stations)"
    }

    /// The same as GeoJSON properties.
    var properties: [(String, PropertyValue)] {
        [("at", at.map { .string($0) } ?? .null), ("any_time", .bool(anyTime)),
         ("radius_m", .number(radiusMetres, decimals: 3)), ("include_members_only", .bool(includeMembersOnly))]
    }
}
