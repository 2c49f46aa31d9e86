import StationCore

/// The JSON of reports, one shape for the CLI and the HTTP API: snake_case, times as local Beijing
/// `YYYY-MM-DDTHH:MM` beside epoch seconds (as nearest answers write them), null for absent values.
extension FieldReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, district, kind, amenity, note, reporter, status
        case stationID = "station_id"
        case observedAt = "observed_at", observedAtEpoch = "observed_at_epoch"
        case receivedAt = "received_at", receivedAtEpoch = "received_at_epoch"
        case resolvedAt = "resolved_at", resolvedAtEpoch = "resolved_at_epoch", resolvedBy = "resolved_by"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(stationID, forKey: .stationID)
        try c.encode(district, forKey: .district)
        try c.encode(kind, forKey: .kind)
        try c.encode(amenity?.rawValue, forKey: .amenity)
        try c.encode(note, forKey: .note)
        try c.encode(Self.local(observedAtEpochSeconds), forKey: .observedAt)
        try c.encode(observedAtEpochSeconds, forKey: .observedAtEpoch)
        try c.encode(Self.local(receivedAtEpochSeconds), forKey: .receivedAt)
        try c.encode(receivedAtEpochSeconds, forKey: .receivedAtEpoch)
        try c.encode(reporter, forKey: .reporter)
        try c.encode(status, forKey: .status)
        try c.encode(resolvedAtEpochSeconds.map(Self.local), forKey: .resolvedAt)
        try c.encode(resolvedAtEpochSeconds, forKey: .resolvedAtEpoch)
        try c.encode(resolvedBy, forKey: .resolvedBy)
    }

    /// Local Beijing time of an instant, as every answer writes it.
    static func local(_ epochSeconds: Int64) -> String {
        HoursTimeZone.shanghai.local(epochSeconds: epochSeconds).isoString
    }
}

extension ReportSummary: Encodable {
    enum CodingKeys: String, CodingKey {
        case closed7d = "closed_7d"
        case lastClosedAt = "last_closed_at", lastClosedAtEpoch = "last_closed_at_epoch"
        case unresolved
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(closedLast7Days, forKey: .closed7d)
        try c.encode(lastClosedAtEpochSeconds.map(FieldReport.local), forKey: .lastClosedAt)
        try c.encode(lastClosedAtEpochSeconds, forKey: .lastClosedAtEpoch)
        try c.encode(unresolved, forKey: .unresolved)
    }
}
