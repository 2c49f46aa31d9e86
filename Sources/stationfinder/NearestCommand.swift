import ArgumentParser
import Foundation
import StationCore
import StationWire
import StationStore

/// `stationfinder nearest`: the nearest stations open now or on arrival, with the amenities asked for.
struct NearestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nearest",
        abstract: "Find the nearest stations that are open (now or on arrival) and have what you need.",
        discussion: """
            Travel: walk 4.5 km/h, ebike 15 km/h, car 25 km/h, on the straight line x 1.3 (detour factor).
            Times are Beijing wall-clock (Asia/Shanghai, +08:00), written YYYY-MM-DDTHH:MM.
            """
    )

    @Option(help: "Longitude of the worker, degrees.") var lon: Double
    @Option(help: "Latitude of the worker, degrees.") var lat: Double
    @Option(help: "System of --lon/--lat: wgs84, gcj02 or bd09.") var crs: CoordinateSystem = .wgs84
    @Option(help: "Query time, YYYY-MM-DDTHH:MM in Beijing time (or with +08:00/Z), or 'now'.") var at: String = "now"
    @Option(help: "How many stations, 1-100.") var limit: Int = 5
    @Option(name: .customLong("max-distance"), help: "Only stations within this many metres.") var maxDistance: Double?
    @Option(name: .customLong("amenity"),
            help: "Required amenity (repeatable, or a list split by , ， ; 、): \(Amenity.vocabularyList), or the Chinese word (厕所).")
    var amenities: [String] = []
    @Option(name: .customLong("grade"), help: "Acceptable grade (repeatable): A, B or C; default all.")
    var grades: [String] = []
    @Option(help: "Your organization: grade C stations of it become visible.") var member: String?
    @Option(help: "walk, ebike or car.") var mode: TravelMode = .walk
    @Option(help: "now (open at the query time) or arrival (open on arrival and for --min-open-minutes).")
    var open: OpenPolicy = .arrival
    @Option(name: .customLong("min-open-minutes"), help: "With --open arrival: minutes the station must stay open.")
    var minOpenMinutes: Int = 10
    @Flag(help: "Print JSON: {query, results, alternatives, message}.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let query = try makeQuery()
        let db = try await LedgerCLI.open(database, .readOnly)
        let stations = try await LedgerCLI.reportingFailures { try await db.allStations() }
        let catalog = StationCatalog(stations: stations)
        var answer: NearestAnswer
        do {
            answer = try catalog.nearest(query)
        } catch {
            throw ValidationError(error.description)
        }
        let now = Int64(Date().timeIntervalSince1970)
        try await db.closedReportTally(nowEpochSeconds: now).annotate(&answer, nowEpochSeconds: now)
        if json {
            print(answer.jsonText())
        } else {
            let zone = answer.timeZone
            let who = member.map { "members-only stations of \($0) included" } ?? "public stations only"
            print("Nearest at \(zone.local(epochSeconds: query.atEpochSeconds).isoString) (Beijing time), \(mode.rawValue), \(who)")
            print(NearestTable.render(answer))
        }
    }

    /// Turns the options into a query, with a sentence for each bad value.
    func makeQuery() throws -> NearestQuery {
        let amenitySet = try QueryOptions.amenities(amenities)
        let gradeSet = try QueryOptions.grades(grades)
        let epoch = try QueryOptions.epochSeconds(at)
        let query = NearestQuery(
            point: LonLat(lon: lon, lat: lat), crs: crs, atEpochSeconds: epoch, limit: limit,
            maxDistanceMetres: maxDistance, requiredAmenities: amenitySet, grades: gradeSet,
            memberOrganization: member, mode: mode, openPolicy: open, minOpenMinutes: minOpenMinutes)
        do {
            _ = try query.validated()
        } catch {
            throw ValidationError(error.description)
        }
        return query
    }
}

/// The plain-text rendering of a nearest answer: one line per station, then the message.
enum NearestTable {
    static func render(_ a: NearestAnswer) -> String {
        let zone = a.timeZone
        var lines: [String] = []
        let rows = a.results.isEmpty ? a.alternatives.map { ($0.station, Optional($0.opensAtEpochSeconds)) }
            : a.results.map { ($0, Int64?.none) }
        if !rows.isEmpty {
            if a.results.isEmpty { lines.append("Nothing qualifies; opening soonest:") }
            var header = ["#", "id", "grade", "distance", "bearing", "travel", "arrival", "state", "next change"]
            if a.results.isEmpty { header.append("qualifies at") }
            var table = TextTable(header + ["name"], rightAligned: [0, 3, 4, 5])
            for (i, (r, opens)) in rows.enumerated() {
                var row = [
                    "\(i + 1)", r.id, r.grade.rawValue, "\(Int(r.distanceMetres.rounded())) m",
                    "\(Int(r.bearingDegrees.rounded())) deg", "\((r.travelMinutes * 10).rounded() / 10) min",
                    zone.local(epochSeconds: r.arrivalEpochSeconds).isoString, r.stateOnArrival.rawValue,
                    r.nextChangeEpochSeconds.map { zone.local(epochSeconds: $0).isoString } ?? "never",
                ]
                if a.results.isEmpty { row.append(opens.map { zone.local(epochSeconds: $0).isoString } ?? "") }
                table.append(row + [r.name])
            }
            lines.append(table.render())
        }
        lines.append(a.message)
        return lines.joined(separator: "\n")
    }
}

extension TravelMode: ExpressibleByArgument {}
extension OpenPolicy: ExpressibleByArgument {}
