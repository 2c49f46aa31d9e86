import Foundation
import Testing

/// The README's command-line examples, run as written against a scratch ledger, and the error
/// paths around them: what a clerk sees and the exit status a script checks.
@Suite(.serialized)
struct CLIReadmeExampleTests {
    @Test func hoursAnswersTheMakeUpWorkingDayAsTheReadmeShows() throws {
        let cli = try CLIRunner()
        let outcome = try cli.run("hours", "Mo-Fr 08:30-17:30; PH off", "--at", "2026-10-10T10:00")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "open at 2026-10-10T10:00 (Asia/Shanghai)\nnext change: 2026-10-10T17:30 -> closed\n")
        let holiday = try cli.run("hours", "Mo-Fr 08:30-17:30; PH off", "--at", "2026-10-01T10:00")
        #expect(holiday.stdout.hasPrefix("closed at 2026-10-01T10:00"), "\(holiday.stdout)")
    }

    @Test func aBadImportNamesFileLineColumnAndReasonAndWritesNothing() throws {
        let cli = try CLIRunner.withLedger()
        let edits = try cli.file("edits.csv", """
            id,name,lon,lat,grade,organization,host_type,opening_hours,amenities,status
            X1,Fine,116.41,39.91,A,,shop,24/7,toilet,active
            X2,Swapped,39.91,116.4,A,,shop,24/7,toilet,active
            X3,Bad hours,116.41,39.91,A,,shop,Mo-Fr 25:00-26:00,toilet,active

            """)
        let outcome = try cli.run("import", edits, "--actor", "alice")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("edits.csv, line 3, column 4 (lat): lat 116.4 is outside -90..90; lon and lat look swapped"),
                "\(outcome.stderr)")
        #expect(outcome.stderr.contains("edits.csv, line 4, column 8 (opening_hours): invalid opening hours 'Mo-Fr 25:00-26:00'"),
                "\(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was imported"))
        let listing = try cli.run("stations", "list")
        #expect(!listing.stdout.contains("X1"), "the good row of a refused file was written")
    }

    @Test func readOnlyCommandsLeaveTheLedgerFileAsItWas() throws {
        let cli = try CLIRunner.withLedger()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))
        for arguments in [["nearest", "--lon", "116.40", "--lat", "39.90", "--at", "2026-11-23T10:00"],
                          ["stations", "list"], ["stations", "show", "T-1"], ["keys", "list"],
                          ["coverage", "--district", "110101", "--at", "2026-11-23T10:00"]] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.databasePath)) == before)
    }

    @Test func readOnlyCommandsOnAMissingLedgerSayToRunSetupAndCreateNothing() throws {
        let cli = try CLIRunner()
        for arguments in [["nearest", "--lon", "116.40", "--lat", "39.90"], ["stations", "list"], ["coverage"]] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status != 0, "\(arguments)")
            #expect(outcome.stderr.contains("no database at \(cli.databasePath); run `stationfinder setup` first"),
                    "\(arguments): \(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    @Test func anUnknownStationIsAnErrorWithStatusOne() throws {
        let cli = try CLIRunner.withLedger()
        let outcome = try cli.run("stations", "show", "NOPE-1")
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "error: no station with id 'NOPE-1'\n", "\(outcome.stderr)")
    }

    @Test func aBadTimeIsRefusedWithTheOptionNamedAndTheUsage() throws {
        let cli = try CLIRunner.withLedger()
        let outcome = try cli.run("nearest", "--lon", "116.40", "--lat", "39.90", "--at", "tomorrow")
        #expect(outcome.status == 64, "ArgumentParser's validation exit status")
        #expect(outcome.stderr.contains("--at must be 'now' or a local time YYYY-MM-DDTHH:MM"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Usage: stationfinder nearest"))
    }
}
