import ArgumentParser
import Foundation
import StationCore
import StationStore

/// `stationfinder stations`: read the ledger (list, show, history).
struct StationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stations",
        abstract: "List stations, show one, or show its change history.",
        subcommands: [List.self, Show.self, History.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stations (all, or one district's).")

        @Option(help: "District: adcode (110101), Chinese name (东城区) or pinyin (dongcheng).")
        var district: String?

        @Flag(help: "Print a JSON array of station objects.")
        var json = false

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await LedgerCLI.open(database, .readOnly)
            let stations = try await LedgerCLI.reportingFailures { try await db.stations(district: district) }
            if json {
                print(try LedgerCLI.json(stations))
                return
            }
            for s in stations {
                print([s.id, s.district, s.grade.rawValue, s.status.rawValue, s.openingHours, s.name].joined(separator: "\t"))
            }
            print("\(stations.count) \(stations.count == 1 ? "station" : "stations")")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one station.")

        @Argument(help: "Station id.") var id: String
        @Flag(help: "Print the station as a JSON object.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await LedgerCLI.open(database, .readOnly)
            guard let s = try await db.station(id: id) else {
                LedgerCLI.printError("error: no station with id '\(id)'")
                throw ExitCode(1)
            }
            let summary = try await db.reportSummary(stationID: s.id, nowEpochSeconds: Int64(Date().timeIntervalSince1970))
            if json {
                print(try LedgerCLI.json(StationWithReports(station: s, reports: summary)))
                return
            }
            let lastClosed = summary.lastClosedAtEpochSeconds.map { HoursTimeZone.shanghai.local(epochSeconds: $0).isoString }
            let rows: [(String, String?)] = [
                ("id", s.id), ("name", s.name), ("lon", "\(s.lon)"), ("lat", "\(s.lat)"), ("address", s.address),
                ("district", s.district), ("grade", s.grade.rawValue), ("organization", s.organization),
                ("host_type", s.hostType.rawValue), ("opening_hours", s.openingHours),
                ("amenities", s.amenities.map(\.rawValue).joined(separator: ";")), ("phone", s.phone),
                ("status", s.status.rawValue), ("rating", s.rating.map(String.init)), ("last_inspected", s.lastInspected),
                ("reports", "\(summary.closedLast7Days) closed in the last 7 days (last \(lastClosed ?? "never")), \(summary.unresolved) unresolved"),
            ]
            for (k, v) in rows { print("\(k.padding(toLength: 15, withPad: " ", startingAt: 0)) \(v ?? "")") }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show who changed a station, what and when.")

        @Argument(help: "Station id (deleted stations keep their history).") var id: String
        @Flag(help: "Print the history as a JSON array.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await LedgerCLI.open(database, .readOnly)
            let changes = try await db.history(stationID: id)
            if json {
                print(try LedgerCLI.json(changes))
                return
            }
            if changes.isEmpty {
                LedgerCLI.printError("error: no history for station '\(id)'")
                throw ExitCode(1)
            }
            for c in changes {
                let source = c.source.map { " from \($0)\(c.crs.map { " (\($0))" } ?? "")" } ?? ""
                print("\(c.changedAt)  \(c.action.rawValue)  by \(c.actor)\(source)")
                for (field, change) in c.changes.sorted(by: { $0.key < $1.key }) {
                    print("    \(field): \(change.old) -> \(change.new)")
                }
            }
        }
    }
}
