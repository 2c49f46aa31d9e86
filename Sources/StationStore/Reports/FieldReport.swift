import StationCore

/// What a worker reports about a station.
public enum ReportKind: String, CaseIterable, Sendable, Codable {
    /// Found closed at a time it claims to be open.
    case closed
    /// Found open (e.g. when the ledger says closed).
    case open
    /// An amenity the ledger lists is not there (``FieldReport/amenity`` says which).
    case amenity_missing
    /// The station is not where the ledger puts it.
    case moved
    case other
}

/// Whether an inspector has dealt with a report.
public enum ReportStatus: String, CaseIterable, Sendable, Codable {
    case open, resolved
}

/// Who filed a report: anonymous, or the role of the key used (never which key or from where).
public enum ReportReporter: String, CaseIterable, Sendable, Codable {
    case anonymous, editor, auditor, member
}

/// A report about to be filed, checked by ``validated()``.
public struct NewReport: Sendable, Equatable {
    public var stationID: String
    public var kind: ReportKind
    public var amenity: Amenity?
    public var note: String?
    /// When the worker saw it, epoch seconds.
    public var observedAtEpochSeconds: Int64
    public var reporter: ReportReporter

    /// The longest note, in characters (Unicode scalars, as SQLite counts them).
    public static let maxNoteCharacters = 500

    public init(
        stationID: String, kind: ReportKind, amenity: Amenity? = nil, note: String? = nil,
        observedAtEpochSeconds: Int64, reporter: ReportReporter
    ) {
        self.stationID = stationID
        self.kind = kind
        self.amenity = amenity
        self.note = note
        self.observedAtEpochSeconds = observedAtEpochSeconds
        self.reporter = reporter
    }

    /// The report with its note trimmed (an empty note becomes none), or the field at fault and why.
    public func validated() throws(ReportError) -> NewReport {
        var r = self
        r.note = note.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        if let n = r.note, n.unicodeScalars.count > Self.maxNoteCharacters {
            throw .invalid(field: "note", "note must be at most \(Self.maxNoteCharacters) characters, got \(n.unicodeScalars.count)")
        }
        if kind == .amenity_missing, amenity == nil {
            throw .invalid(field: "amenity", "a report of kind amenity_missing must name the amenity; known: \(Amenity.vocabularyList)")
        }
        if kind != .amenity_missing, amenity != nil {
            throw .invalid(field: "amenity", "amenity belongs only to reports of kind amenity_missing")
        }
        return r
    }
}

/// A filed report.
public struct FieldReport: Sendable, Equatable {
    public var id: Int64
    public var stationID: String
    /// The station's district when filed.
    public var district: String
    public var kind: ReportKind
    public var amenity: Amenity?
    public var note: String?
    public var observedAtEpochSeconds: Int64
    public var receivedAtEpochSeconds: Int64
    public var reporter: ReportReporter
    public var status: ReportStatus
    public var resolvedAtEpochSeconds: Int64?
    public var resolvedBy: String?

    package init(id: Int64, stationID: String, district: String, kind: ReportKind, amenity: Amenity?, note: String?,
                 observedAtEpochSeconds: Int64, receivedAtEpochSeconds: Int64, reporter: ReportReporter, status: ReportStatus,
                 resolvedAtEpochSeconds: Int64? = nil, resolvedBy: String? = nil) {
        self.id = id
        self.stationID = stationID
        self.district = district
        self.kind = kind
        self.amenity = amenity
        self.note = note
        self.observedAtEpochSeconds = observedAtEpochSeconds
        self.receivedAtEpochSeconds = receivedAtEpochSeconds
        self.reporter = reporter
        self.status = status
        self.resolvedAtEpochSeconds = resolvedAtEpochSeconds
        self.resolvedBy = resolvedBy
    }
}

/// A station's reports at a glance: how many `closed` reports in the last 7 days, and when the last one was.
public struct ReportSummary: Sendable, Equatable {
    /// Unresolved `closed` reports with `now - 7 days < observed <= now`.
    public var closedLast7Days: Int
    /// The latest `closed` report (any status, any age), epoch seconds.
    public var lastClosedAtEpochSeconds: Int64?
    /// Reports of any kind not yet resolved.
    public var unresolved: Int

    package init(closedLast7Days: Int, lastClosedAtEpochSeconds: Int64?, unresolved: Int) {
        self.closedLast7Days = closedLast7Days
        self.lastClosedAtEpochSeconds = lastClosedAtEpochSeconds
        self.unresolved = unresolved
    }
}

/// Why a report or a report query was refused.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(field: String, String)
    case unknownStation(String)
    case unknownReport(Int64)

    public var field: String? {
        switch self {
        case .invalid(let field, _): field
        case .unknownStation, .unknownReport: nil
        }
    }

    public var description: String {
        switch self {
        case .invalid(_, let why): why
        case .unknownStation(let id): "no station with id '\(id)'"
        case .unknownReport(let id): "no report with id \(id)"
        }
    }
}
