import ArgumentParser
import Foundation
import StationCore
import StationStore

/// `stationfinder reports`: field reports about stations (list, add, resolve). Reports never change a station.
struct ReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "List, file or resolve reports from the field (a station found closed, an amenity missing...).",
        subcommands: [List.self, Add.self, Resolve.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reports, newest first.")

        @Option(help: "Only reports observed at or after this Beijing time, YYYY-MM-DDTHH:MM.") var since: String?
        @Option(help: "District: adcode (110101), Chinese name (东城区) or pinyin (dongcheng).") var district: String?
        @Option(help: "Kind: \(ReportsCommand.kinds).") var kind: String?
        @Option(help: "Status: open or resolved.") var status: String?
        @Flag(help: "Print a JSON array of reports.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await LedgerCLI.open(database, .readOnly)
            let sinceEpoch = try since.map { try QueryOptions.epochSeconds($0, option: "--since") }
            let names = try await db.districtNames()
            let adcode = try district.map { name in
                guard let d = names.first(where: { $0.matches(name) }) else {
                    throw ValidationError("unknown district '\(name)'")
                }
                return d.adcode
            }
            let kindValue = try kind.map { text in
                guard let k = ReportKind(rawValue: text) else {
                    throw ValidationError("unknown kind '\(text)'; use \(ReportsCommand.kinds)")
                }
                return k
            }
            let statusValue = try status.map { text in
                guard let s = ReportStatus(rawValue: text) else { throw ValidationError("unknown status '\(text)'; use open or resolved") }
                return s
            }
            let found = try await db.reports(sinceEpochSeconds: sinceEpoch, district: adcode, kind: kindValue, status: statusValue)
            if json {
                print(try LedgerCLI.json(found))
                return
            }
            for r in found {
                let observed = HoursTimeZone.shanghai.local(epochSeconds: r.observedAtEpochSeconds).isoString
                let what = r.amenity.map { "\(r.kind.rawValue) (\($0.rawValue))" } ?? r.kind.rawValue
                print([String(r.id), observed, r.stationID, r.district, what, r.status.rawValue, r.reporter.rawValue, r.note ?? ""]
                    .joined(separator: "\t"))
            }
            print("\(found.count) reports")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "File a report about a station (as an anonymous worker would).")

        @Argument(help: "Station id.") var station: String
        @Option(help: "Kind: \(ReportsCommand.kinds).") var kind: String
        @Option(help: "With kind amenity_missing: the amenity.") var amenity: String?
        @Option(help: "A note, at most 500 characters.") var note: String?
        @Option(help: "When it was seen, YYYY-MM-DDTHH:MM Beijing time, or 'now'.") var at: String = "now"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let kindValue = ReportKind(rawValue: kind) else {
                throw ValidationError("unknown kind '\(kind)'; use \(ReportsCommand.kinds)")
            }
            let amenityValue = try amenity.map { name in
                guard let a = Amenity(rawValue: name) else {
                    throw ValidationError("unknown amenity '\(name)'; known: \(Amenity.vocabularyList)")
                }
                return a
            }
            let db = try await LedgerCLI.open(database, .readWrite)
            let report = NewReport(
                stationID: station, kind: kindValue, amenity: amenityValue, note: note,
                observedAtEpochSeconds: try QueryOptions.epochSeconds(at), reporter: .anonymous)
            do {
                let stored = try await db.addReport(report, receivedAtEpochSeconds: Int64(Date().timeIntervalSince1970))
                print("report \(stored.id) filed: \(stored.kind.rawValue) at \(stored.stationID)")
            } catch let error as ReportError {
                throw ValidationError(error.description)
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a report resolved (an inspector has dealt with it).")

        @Argument(help: "Report id.") var id: Int64
        @Option(help: "Who resolves it (recorded with the report).") var actor: String = DefaultActor.name
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await LedgerCLI.open(database, .readWrite)
            do {
                let r = try await db.resolveReport(id: id, actor: actor, atEpochSeconds: Int64(Date().timeIntervalSince1970))
                print("report \(r.id) resolved by \(r.resolvedBy ?? actor)")
            } catch let error as ReportError {
                throw ValidationError(error.description)
            }
        }
    }

    static let kinds = ReportKind.allCases.map(\.rawValue).joined(separator: ", ")
}
