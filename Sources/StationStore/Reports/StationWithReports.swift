import StationCore

/// A station as `stations show` and `GET /v1/stations/{id}` write it: the station's own fields plus a
/// `reports` summary (``ReportSummary``).
public struct StationWithReports: Encodable, Sendable {
    public var station: Station
    public var reports: ReportSummary

    public init(station: Station, reports: ReportSummary) {
        self.station = station
        self.reports = reports
    }

    enum CodingKeys: String, CodingKey { case reports }

    public func encode(to encoder: any Encoder) throws {
        try station.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(reports, forKey: .reports)
    }
}
