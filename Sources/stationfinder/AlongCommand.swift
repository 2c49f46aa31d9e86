import ArgumentParser
import Foundation
import StationCore
import StationWire
import StationGeometry
import StationStore

/// `stationfinder along`: stations to stop at along a route, open when the worker gets there.
struct AlongCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "along",
        abstract: "Find open stations along a route (a GeoJSON LineString) within a detour.",
        discussion: """
            offset = distance from the station to the nearest point of the route; detour = 2 x offset;
            along = distance along the route to that point. Arrival = departure + along / speed + 1.3 x offset / speed
            (walk 4.5 km/h, ebike 15 km/h, car 25 km/h). Results in route order.
            """
    )

    @Option(help: "GeoJSON file: a LineString, a Feature holding one, or a FeatureCollection of one such Feature.")
    var route: String
    @Option(help: "System of the route's coordinates: wgs84, gcj02 or bd09.") var crs: CoordinateSystem = .wgs84
    @Option(name: .customLong("max-detour"), help: "Longest detour (out and back), metres, above 0 and at most 5000.")
    var maxDetour: Double = AlongQuery.defaultMaxDetourMetres
    @Option(help: "Departure time, YYYY-MM-DDTHH:MM in Beijing time, or 'now'.") var at: String = "now"
    @Option(help: "walk, ebike or car.") var mode: TravelMode = .walk
    @Option(help: "now (open at departure) or arrival (open on arrival and for --min-open-minutes).")
    var open: OpenPolicy = .arrival
    @Option(name: .customLong("min-open-minutes"), help: "With --open arrival: minutes the station must stay open.")
    var minOpenMinutes: Int = 10
    @Option(name: .customLong("amenity"), help: "Required amenity (repeatable): \(Amenity.vocabularyList).")
    var amenities: [String] = []
    @Option(name: .customLong("grade"), help: "Acceptable grade (repeatable): A, B or C; default all.")
    var grades: [String] = []
    @Option(help: "Your organization: grade C stations of it become eligible.") var member: String?
    @Option(help: "How many stations, 1-100.") var limit: Int = AlongQuery.defaultLimit
    @Flag(help: "Print JSON: {query, results, alternatives, message}.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: route))
        } catch {
            throw ValidationError("cannot read route file \(route): \(error.localizedDescription)")
        }
        let positions: [LonLat]
        do {
            positions = try RouteInput.geoJSON(data)
        } catch {
            throw ValidationError("\(route): \(error.description)")
        }
        let query = AlongQuery(
            route: positions, crs: crs, atEpochSeconds: try QueryOptions.epochSeconds(at), limit: limit,
            maxDetourMetres: maxDetour, requiredAmenities: try QueryOptions.amenities(amenities),
            grades: try QueryOptions.grades(grades), memberOrganization: member, mode: mode,
            openPolicy: open, minOpenMinutes: minOpenMinutes)
        let db = try await LedgerCLI.open(database, .readOnly)
        let catalog = StationCatalog(stations: try await LedgerCLI.reportingFailures { try await db.allStations() })
        var answer: AlongAnswer
        do {
            answer = try catalog.along(query)
        } catch {
            throw ValidationError("\(route): \(error.description)")
        }
        let now = Int64(Date().timeIntervalSince1970)
        try await db.closedReportTally(nowEpochSeconds: now).annotate(&answer, nowEpochSeconds: now)
        if json {
            print(answer.jsonText())
        } else {
            let who = member.map { "members-only stations of \($0) included" } ?? "public stations only"
            let departure = answer.timeZone.local(epochSeconds: query.atEpochSeconds).isoString
            print("Along the route leaving at \(departure) (Beijing time), \(mode.rawValue), \(who)")
            print(AlongTable.render(answer))
        }
    }
}

/// The plain-text rendering of an along answer: one line per station, then the message.
enum AlongTable {
    static func render(_ a: AlongAnswer) -> String {
        let zone = a.timeZone
        let alternatives = a.results.isEmpty
        var lines: [String] = []
        let rows = alternatives ? a.alternatives.map { ($0.station, Optional($0.opensAtEpochSeconds)) }
            : a.results.map { ($0, Int64?.none) }
        if !rows.isEmpty {
            if alternatives { lines.append("Nothing qualifies; opening soonest:") }
            // Closed reports of the last 7 days go in their own column; "qualifies at" only for alternatives.
            var header = ["#", "id", "grade", "along", "offset", "arrival", "state", "next change"]
            if alternatives { header.append("qualifies at") }
            var table = TextTable(header + ["closed 7d", "name"], rightAligned: [0, 3, 4, header.count])
            for (i, (r, opens)) in rows.enumerated() {
                var row = [
                    "\(i + 1)", r.id, r.grade.rawValue, "\(Int(r.alongMetres.rounded())) m",
                    "\(Int(r.offsetMetres.rounded())) m", zone.local(epochSeconds: r.arrivalEpochSeconds).isoString,
                    r.stateOnArrival.rawValue, r.nextChangeEpochSeconds.map { zone.local(epochSeconds: $0).isoString } ?? "never",
                ]
                if alternatives { row.append(opens.map { zone.local(epochSeconds: $0).isoString } ?? "") }
                table.append(row + ["\(r.closedReports7d)", r.name])
            }
            lines.append(table.render())
        }
        lines.append(a.message)
        return lines.joined(separator: "\n")
    }
}
