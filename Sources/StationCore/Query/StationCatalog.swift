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
    let hoursTable: [CompiledHours]
    /// Per station (same order as ``stations``), its index into ``hoursTable``.
    let hoursIDs: [UInt32]
    /// Organizations of grade C stations, numbered from 1.
    let organizationIDs: [String: UInt32]
    let index: StationIndex
    /// Expressions that failed to parse, with the error; their stations read as `unknown` (never open).
    public let hoursErrors: [String: OpeningHoursError]

    /// The schedule used for an expression that does not parse: always `unknown`, so never open.
    static let unknownExpression = "24/7 unknown"

    public init(stations: [Station], calendar: HolidayCalendar = .china, timeZone: HoursTimeZone = .shanghai) {
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
        hoursTable = owners
        hoursIDs = ids
        organizationIDs = orgs
        hoursErrors = errors
        index = StationIndex(entries: entries)
    }

    /// A schedule that is always `unknown`.
    static func compiledUnknown(calendar: HolidayCalendar, timeZone: HoursTimeZone) -> CompiledHours {
        // A constant of this file, not input, and a test checks that it parses.
        let hours = try! OpeningHours.parse(unknownExpression)
        return CompiledHours(hours, calendar: calendar, timeZone: timeZone)
    }

    /// The compiled opening hours of `stations[index]` (shared with every station of the same expression).
    public func compiledHours(forStationAt index: Int) -> CompiledHours {
        hoursTable[Int(hoursIDs[index])]
    }

    /// How many stations the spatial index holds (the active ones with valid coordinates).
    public var indexedCount: Int { index.count }

    /// Bytes held by the spatial index's arrays (44 a station).
    public var indexMemoryBytes: Int { index.memoryBytes }

    /// How many distinct opening-hours schedules were compiled.
    public var distinctHoursCount: Int { hoursTable.count }
}
