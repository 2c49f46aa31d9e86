import Foundation
import Hummingbird
import StationApp
import StationCore
import StationStore

/// Field reports: workers file them (`POST /v1/stations/{id}/reports`, anonymous or with any key, rate
/// limited), auditors and editors read them (`GET /v1/reports`) and editors resolve them
/// (`POST /v1/reports/{id}/resolve`). A report never changes a station.
struct ReportsController: Sendable {
    let ledger: LedgerService
    let reports: FieldReportService

    /// A report may describe the past up to this long ago (30 days) and the future by a clock's drift (5 minutes).
    static let maxReportAgeSeconds: Int64 = 30 * 86_400
    static let maxClockSkewSeconds: Int64 = 300

    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.fileReport, use: file)
        router.add(.listReports, use: list)
        router.add(.resolveReport, use: resolve)
    }

    /// The body of a new report.
    struct ReportBody: Decodable {
        var kind: String?
        var amenity: String?
        var note: String?
        var at: String?
    }

    @Sendable func file(_ request: Request, context: StationRequestContext) async throws -> Response {
        let stationID = try context.parameters.require("id")
        let now = reports.clock.nowEpochSeconds()
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let fields: ReportBody
        do {
            fields = try JSONDecoder().decode(ReportBody.self, from: Data(buffer: body))
        } catch {
            throw APIError.invalid("body", "the body must be a JSON object {\"kind\", \"amenity\", \"note\", \"at\"}: \(Self.reason(error))")
        }
        let report = try newReport(fields, stationID: stationID, now: now, caller: context.caller)
        // The station must be one this caller may see: members-only stations are unknown to others.
        guard let station = try await ledger.store.station(id: stationID), context.caller.canSee(station) else {
            throw APIError.notFound("no station with id '\(stationID)'")
        }
        if let wait = reports.limiter.admit(client: context.clientIdentity, stationID: station.id, now: now) {
            var error = APIError(.tooManyRequests, code: "rate_limited",
                                 message: "too many reports from this client; try again in \(wait) seconds")
            error.headers[.retryAfter] = String(wait)
            throw error
        }
        let stored: FieldReport
        do {
            stored = try await reports.write { store in try await store.addReport(report, receivedAtEpochSeconds: now) }
        } catch let error as ReportError {
            throw Self.apiError(error)
        }
        return Response.json(try JSONEncoder.sorted.encode(stored), status: .created)
    }

    /// Checks the body's fields, each failure a 400 naming the field.
    private func newReport(_ f: ReportBody, stationID: String, now: Int64, caller: Caller) throws -> NewReport {
        guard let kindText = f.kind else {
            throw APIError.invalid("kind", "missing field 'kind'; expected one of: \(Self.kinds)")
        }
        guard let kind = ReportKind(rawValue: kindText) else {
            throw APIError.invalid("kind", "unknown kind '\(kindText)'; expected one of: \(Self.kinds)")
        }
        let amenity = try f.amenity.map { name in
            guard let a = Amenity(rawValue: name) else {
                throw APIError.invalid("amenity", "unknown amenity '\(name)'; known: \(Amenity.vocabularyList)")
            }
            return a
        }
        var at = now
        if let text = f.at {
            at = HoursTimeZone.shanghai.epochSeconds(try QueryInput.localTime(text, field: "at"))
            guard at <= now + Self.maxClockSkewSeconds, at >= now - Self.maxReportAgeSeconds else {
                throw APIError.invalid("at", "'at' must lie within the last 30 days and not in the future, got '\(text)'")
            }
        }
        let report = NewReport(
            stationID: stationID, kind: kind, amenity: amenity, note: f.note, observedAtEpochSeconds: at,
            reporter: caller.role.map { ReportReporter(rawValue: $0.rawValue) ?? .anonymous } ?? .anonymous)
        do {
            return try report.validated()
        } catch {
            throw Self.apiError(error)
        }
    }

    @Sendable func list(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.auditor, .editor, to: "reading reports")
        let q = QueryReader(request)
        let since = q.string("since") == nil ? nil : try q.epochSeconds("since")
        let district = try q.string("district").map { name in
            guard let d = ledger.geography.districtMap.districts.first(where: { $0.matches(name) }) else {
                throw APIError.invalid("district", "unknown district '\(name)'")
            }
            return d.adcode
        }
        let found = try await reports.store.reports(
            sinceEpochSeconds: since, district: district, kind: try q.choice("kind", as: ReportKind.self),
            status: try q.choice("status", as: ReportStatus.self))
        return Response.json(try JSONEncoder.sorted.encode(found))
    }

    @Sendable func resolve(_ request: Request, context: StationRequestContext) async throws -> Response {
        try context.caller.require(.editor, to: "resolving a report")
        let text = try context.parameters.require("id")
        guard let id = Int64(text) else { throw APIError.notFound("no report with id '\(text)'") }
        do {
            let report = try await reports.write { store in
                try await store.resolveReport(id: id, actor: context.caller.actorName, atEpochSeconds: reports.clock.nowEpochSeconds())
            }
            return Response.json(try JSONEncoder.sorted.encode(report))
        } catch let error as ReportError {
            throw Self.apiError(error)
        }
    }

    /// Whom the rate limit counts: the key when there is one, else the connection's address (only ever
    /// hashed, see ``ReportRateLimiter``).
    static let kinds = ReportKind.allCases.map(\.rawValue).joined(separator: ", ")

    static func apiError(_ error: ReportError) -> APIError {
        switch error {
        case .invalid(let field, let why): APIError.invalid(field, why)
        case .unknownStation, .unknownReport: APIError.notFound(error.description)
        }
    }

    /// A decoding error in a sentence (which field, what was wrong), without Swift's type names.
    static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "field '\(c.codingPath.map(\.stringValue).joined(separator: "."))' must be a string"
        case .dataCorrupted: return "not valid JSON"
        default: return "not valid JSON"
        }
    }
}
