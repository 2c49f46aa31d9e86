import Foundation

/// An immutable snapshot of the ledger for answering nearest-station queries: the stations, their
/// compiled opening hours (one per distinct expression, shared) and a spatial index over the active ones.
///
/// Build a new catalog when the ledger changes and swap the reference: readers holding the old one
/// keep a complete, consistent snapshot, and no reader ever sees a half-built index.
public final class StationCatalog: Sendable {
    /// Every station given, in the given order (only ``StationStatus/active`` ones are indexed).
    public let stations: [Station]
    public let calendar: HolidayCalendar
    public let timeZone: HoursTimeZone
    /// Distinct compiled schedules; ``StationAttributes/hoursID`` indexes this table.
    let hoursTable: [SharedSchedule]
    /// What ``hoursTable`` refers to without owning it, kept alive here: the compiled schedules and the
    /// timelines of the most used ones.
    let scheduleOwners: (compiled: [CompiledHours], timelines: [ScheduleTimeline])
    /// Per station (same order as ``stations``), its index into ``hoursTable``.
    let hoursIDs: [UInt32]
    /// Organizations of grade C stations, numbered from 1.
    let organizationIDs: [String: UInt32]
    let index: StationIndex
    /// Expressions that failed to parse, with the error; their stations read as `unknown` (never open).
    public let hoursErrors: [String: OpeningHoursError]
    /// The stations' query-independent JSON, rendered as answers need it.
    public let jsonFragments: StationJSONFragments
    /// Schedule verdicts of the latest query about the present, for the queries that follow it.
    let verdictMemo = VerdictMemo()

    /// The schedule used for an expression that does not parse: always `unknown`, so never open.
    static let unknownExpression = "24/7 unknown"

    public init(stations: [Station], calendar: HolidayCalendar = .china, timeZone: HoursTimeZone = .shanghai) {
        let now = Int64(Date().timeIntervalSince1970)
        self.stations = stations
        self.calendar = calendar
        self.timeZone = timeZone
        var owners: [CompiledHours] = []
        var byExpression: [String: UInt32] = [:]
        var errors: [String: OpeningHoursError] = [:]
        var unknownID: UInt32?
        var ids: [UInt32] = []
        ids.reserveCapacity(stations.count)
        var orgs: [String: UInt32] = [:]
        var entries: [IndexEntry] = []
        entries.reserveCapacity(stations.count)

        for (i, s) in stations.enumerated() {
            let hoursID: UInt32
            if let known = byExpression[s.openingHours] {
                hoursID = known
            } else {
                do {
                    let parsed = try OpeningHours.parse(s.openingHours)
                    hoursID = UInt32(owners.count)
                    owners.append(CompiledHours(parsed, calendar: calendar, timeZone: timeZone))
                } catch {
                    errors[s.openingHours] = error
                    if let u = unknownID {
                        hoursID = u
                    } else {
                        hoursID = UInt32(owners.count)
                        unknownID = hoursID
                        owners.append(Self.compiledUnknown(calendar: calendar, timeZone: timeZone))
                    }
                }
                byExpression[s.openingHours] = hoursID
            }
            ids.append(hoursID)
            guard s.status == .active, s.location.isValid else { continue }
            var orgID: UInt32 = 0
            if s.grade == .C, let org = s.organization {
                if let known = orgs[org] {
                    orgID = known
                } else {
                    orgID = UInt32(orgs.count + 1)
                    orgs[org] = orgID
                }
            }
            entries.append(IndexEntry(
                lonLat: s.location,
                attributes: StationAttributes(
                    organizationID: orgID, hoursID: hoursID,
                    amenityBits: UInt16(truncatingIfNeeded: s.amenities.bits),
                    gradeBit: StationAttributes.bit(of: s.grade)),
                source: UInt32(truncatingIfNeeded: i)))
        }
        let constant = owners.map { SharedSchedule.isConstant($0, referenceEpochSeconds: now) }
        let timelines = Self.timelines(for: owners, constant: constant, stationHoursIDs: ids, referenceEpochSeconds: now)
        hoursTable = owners.indices.map {
            SharedSchedule(owners[$0], timeline: timelines[$0], referenceEpochSeconds: now, isConstantInWindow: constant[$0])
        }
        scheduleOwners = (owners, timelines.compactMap { $0 })
        hoursIDs = ids
        organizationIDs = orgs
        hoursErrors = errors
        index = StationIndex(entries: entries)
        jsonFragments = StationJSONFragments(stations: stations)
    }

    /// How many bytes of ``ScheduleTimeline``s a catalog keeps at most: about 20 KB and 0.3 ms of build
    /// time a schedule, so the 400 most used ones, within about 130 ms of every ledger change.
    static let timelineBudgetBytes = 8 << 20

    /// Timelines for the schedules most stations use, within ``timelineBudgetBytes``; nil for the others
    /// and for the constant ones (`constant`: ``SharedSchedule/isConstant(_:referenceEpochSeconds:)`` of
    /// each; 24/7, off), which ``SharedSchedule`` answers without.
    static func timelines(
        for compiled: [CompiledHours], constant: [Bool], stationHoursIDs: [UInt32], referenceEpochSeconds now: Int64,
        budgetBytes: Int = timelineBudgetBytes
    ) -> [ScheduleTimeline?] {
        var stationCount = [Int](repeating: 0, count: compiled.count)
        for id in stationHoursIDs { stationCount[Int(id)] += 1 }
        var out = [ScheduleTimeline?](repeating: nil, count: compiled.count)
        var spent = 0
        for id in compiled.indices.sorted(by: { stationCount[$0] > stationCount[$1] }) {
            guard spent < budgetBytes else { break }
            guard !constant[id], let timeline = ScheduleTimeline(compiled[id], referenceEpochSeconds: now) else { continue }
            spent += timeline.memoryBytes
            out[id] = timeline
        }
        return out
    }

    /// A schedule that is always `unknown`.
    static func compiledUnknown(calendar: HolidayCalendar, timeZone: HoursTimeZone) -> CompiledHours {
        // A constant of this file, not input, and a test checks that it parses.
        let hours = try! OpeningHours.parse(unknownExpression)
        return CompiledHours(hours, calendar: calendar, timeZone: timeZone)
    }

    /// The compiled opening hours of `stations[index]` (shared with every station of the same expression).
    public func compiledHours(forStationAt index: Int) -> CompiledHours {
        scheduleOwners.compiled[Int(hoursIDs[index])]
    }

    /// How many stations the spatial index holds (the active ones with valid coordinates).
    public var indexedCount: Int { index.count }

    /// Bytes held by the spatial index's arrays (44 a station).
    public var indexMemoryBytes: Int { index.memoryBytes }

    /// How many distinct opening-hours schedules were compiled.
    public var distinctHoursCount: Int { hoursTable.count }
}
