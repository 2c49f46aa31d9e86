import Foundation
import Testing

/// The command line as a person meets it: the README's examples, error paths and exit statuses.
@Suite(.serialized)
struct CLIEdgeTests {
    @Test func versionAndHelpListTheWorkersCommandFirst() throws {
        let cli = try CLIRunner()
        let version = try cli.run("--version")
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2.0.0")
        let help = try cli.run("--help")
        let subcommands = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let first = subcommands.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(first?.trimmingCharacters(in: .whitespaces).hasPrefix("nearest") == true, "\(help.stdout)")
    }

    /// The reproducer: `serve --db` with a mistyped path created an empty database and served it.
    @Test func serveRefusesADatabaseThatDoesNotExist() throws {
        let cli = try CLIRunner()
        let missing = cli.directory.appendingPathComponent("typo.db").path
        let outcome = try cli.run("serve", "--db", missing, "--port", "0")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("no database at \(missing)"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func anErrorWhileRunningShowsTheSubcommandsUsage() throws {
        let cli = try CLIRunner.withLedger()
        let outcome = try cli.run("nearest", "--lon", "39.9087", "--lat", "116.3975")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("lon and lat look swapped"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Usage: stationfinder nearest"), "\(outcome.stderr)")
    }

    @Test func nearestTakesChineseAmenitiesAndFullWidthSeparators() throws {
        let cli = try CLIRunner.withLedger()
        let outcome = try cli.run("nearest", "--lon", "116.40", "--lat", "39.90", "--at", "2026-11-23T10:00",
                                  "--open", "now", "--amenity", "厕所，取暖")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.first == "Nearest at 2026-11-23T10:00 (Beijing time), walk, public stations only")
        #expect(lines.dropFirst(2).first?.contains("T-1") == true, "\(outcome.stdout)")
        #expect(!outcome.stdout.contains("T-2"))
        let unknown = try cli.run("nearest", "--lon", "116.40", "--lat", "39.90", "--amenity", "sauna")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown amenity 'sauna'"))
    }

    /// The reproducers: the header sat left of its data, wide names shifted rows, a district named twice printed twice.
    @Test func coverageColumnsLineUpAndSayWhatWasAnswered() throws {
        let cli = try CLIRunner.withLedger()
        let outcome = try cli.run("coverage", "--district", "东城区", "--district", "Dongcheng", "--district", "Xicheng",
                                  "--at", "2026-11-23T10:00")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Coverage at 2026-11-23T10:00 (Beijing time), radius 500 m, public stations only")
        #expect(lines.count == 5, "header line, column names, one row per district, the demand note: \(lines)")
        // Right-aligned numbers end in the same terminal column as their heading, wide names included.
        let heading = lines[1]
        let end = Self.displayWidth(String(heading[..<heading.range(of: "coverage_%")!.upperBound]))
        for row in lines[2..<4] {
            let prefix = Self.prefix(row, displayWidth: end)
            #expect(prefix.last?.isNumber == true, "\(heading)\n\(row)")
            #expect(row.dropFirst(prefix.count).first == " ", "\(heading)\n\(row)")
        }
        let all = try cli.run("coverage", "--at", "2026-11-23T10:00")
        #expect(all.stdout.split(separator: "\n").dropLast().last?.hasPrefix("total") == true)
    }

    /// The reproducer: `profile` ran `100.0100.0100.0` together.
    @Test func profileSeparatesEveryHour() throws {
        let cli = try CLIRunner.withLedger()
        let outcome = try cli.run("profile", "--district", "Dongcheng", "--date", "2026-11-23")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let monday = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Mon") })
        #expect(monday.split(separator: " ").count == 2 + 24, "\(monday)")
    }

    /// The reproducer: `import --replace` with a one-row file deleted the rest of the ledger without a word.
    @Test func aLargeReplaceWaitsForYesAndDryRunShowsTheChange() throws {
        let cli = try CLIRunner.withLedger()
        let one = try cli.file("one.csv", """
            id,name,lon,lat,grade,host_type,opening_hours,amenities
            T-1,Always open (renamed),116.401,39.90,A,convenience_store,24/7,drinking_water;toilet;heating

            """)
        let refused = try cli.run("import", one, "--replace")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("would delete 4 of the 5 stations"), "\(refused.stderr)")
        let dryRun = try cli.run("import", one, "--replace", "--dry-run")
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("would update: 1\n    T-1 (name)"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("would delete: 4\n    T-2"), "\(dryRun.stdout)")
        let diff = try cli.run("validate", one, "--diff")
        #expect(diff.stdout.contains("1 station, no problems found"))
        #expect(diff.stdout.contains("would delete: 0"))
        let done = try cli.run("import", one, "--replace", "--yes", "--actor", "clerk")
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("1 station read: 0 inserted, 1 updated, 0 unchanged, 4 deleted"), "\(done.stdout)")
        let history = try cli.run("stations", "history", "T-1")
        #expect(history.stdout.contains("update  by clerk from one.csv (wgs84)"), "\(history.stdout)")
    }

    @Test func gapsJSONStatesItsTime() throws {
        let cli = try CLIRunner.withLedger()
        let outcome = try cli.run("gaps", "--district", "Dongcheng", "--at", "2026-11-23T23:00", "--top", "2", "--json")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let value = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(value["at"] as? String == "2026-11-23T23:00")
        #expect((value["cells"] as? [Any])?.count == 2)
    }

    /// The longest start of `text` that takes at most `width` terminal columns.
    static func prefix(_ text: String, displayWidth width: Int) -> String {
        var out = ""
        for c in text {
            guard displayWidth(out + String(c)) <= width else { break }
            out.append(c)
        }
        return out
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0x2E80...0x9FFF).contains($1.value) || (0xFF00...0xFF60).contains($1.value) ? 2 : 1) }
    }
}

/// The second wave's commands as a person runs them.
@Suite(.serialized)
struct CLIWaveTwoTests {
    @Test func alongListsStationsInRouteOrderAndSaysWhenItLeft() throws {
        let cli = try CLIRunner.withLedger()
        // A straight route east along latitude 39.9002 past the five test stations (about 22 m off each).
        let route = try cli.file("route.geojson", #"{"type":"LineString","coordinates":[[116.3995,39.9002],[116.4050,39.9002]]}"#)
        let outcome = try cli.run("along", "--route", route, "--at", "2026-11-23T10:00", "--open", "now")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Along the route leaving at 2026-11-23T10:00 (Beijing time), walk, public stations only")
        let ids = lines.dropFirst(2).compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }.filter { $0.hasPrefix("T-") }
        // T-3 is members-only, T-4 closed at 10:00 and T-5 suspended.
        #expect(ids == ["T-1", "T-2"], "\(outcome.stdout)")
        let bad = try cli.run("along", "--route", try cli.file("point.geojson", #"{"type":"Point","coordinates":[116.4,39.9]}"#))
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("point.geojson"), "\(bad.stderr)")
    }

    @Test func recommendRefusesACountOutOfRange() throws {
        let cli = try CLIRunner.withLedger()
        let outcome = try cli.run("recommend", "--district", "Dongcheng", "--count", "0")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("count"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Usage: stationfinder recommend"), "\(outcome.stderr)")
    }
}

/// `serve` on a port another program holds says which port, instead of a socket error.
@Suite(.serialized)
struct CLIServeTests {
    @Test func aBusyPortIsNamed() throws {
        let cli = try CLIRunner.withLedger()
        // Hold a port with a plain listening socket, then ask serve for it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let outcome = try cli.run("serve", "--port", String(port), "--quiet")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("port \(port) on 127.0.0.1 is already in use"), "\(outcome.stderr)")
    }
}

/// A recommendation's LP bound runs within its time limit; stopped early, the answer says so and its
/// bound still holds.
struct CLIRecommendBoundTests {
    @Test func theBoundStopsAtItsTimeLimitAndSaysSo() throws {
        let cli = try CLIRunner.withLedger()
        // Tongzhou is almost wholly uncovered by the test ledger: about 15,000 demand points and as many
        // candidate cells, an LP that GLPK needs seconds for.
        let outcome = try cli.run("recommend", "--district", "Tongzhou", "--count", "3", "--at", "2026-11-23T10:00",
                                  "--bound-seconds", "0.1", "--json")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(answer["bound_optimal"] as? Bool == false)
        let after = try #require(answer["covered_after"] as? Double)
        let before = try #require(answer["covered_before"] as? Double)
        let upper = try #require(answer["upper_bound"] as? Double)
        #expect(after > before)
        #expect(upper >= after)

        let proven = try cli.run("recommend", "--district", "Dongcheng", "--count", "1", "--at", "2026-11-23T10:00", "--json")
        let provenAnswer = try #require(try JSONSerialization.jsonObject(with: Data(proven.stdout.utf8)) as? [String: Any])
        #expect(provenAnswer["bound_optimal"] as? Bool == true)

        let bad = try cli.run("recommend", "--district", "Dongcheng", "--count", "1", "--bound-seconds", "0")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--bound-seconds must be within 0.1...600, got 0.0"), "\(bad.stderr)")
    }
}
