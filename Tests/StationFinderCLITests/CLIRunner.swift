import Foundation
import Testing

/// Runs the built `stationfinder` binary as a person would, in a scratch directory.
struct CLIRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary SwiftPM built next to this test bundle.
    static let binary: URL = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("stationfinder")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("stationfinder")
    }()

    /// A fresh directory for one test's files.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sf-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var databasePath: String { directory.appendingPathComponent("ledger.db").path }

    /// Writes `text` to a file in the scratch directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs `stationfinder arguments...` with `--db` pointing at the scratch ledger through the environment.
    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["STATIONFINDER_DB"] = databasePath
        environment["COLUMNS"] = "200"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a long output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    func run(_ arguments: String...) throws -> Outcome { try run(arguments) }

    /// A scratch directory whose ledger holds Beijing's districts and the small test ledger below
    /// (a copy of one made once by `setup` and `import`, since parsing the districts takes seconds).
    static func withLedger() throws -> CLIRunner {
        let template = try self.template.get()
        let cli = try CLIRunner()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: cli.databasePath + suffix)
        }
        return cli
    }

    private static let template: Result<String, any Error> = Result {
        let cli = try CLIRunner()
        let setup = try cli.run("setup", "--geodata", repoRoot.appendingPathComponent("geodata").path)
        guard setup.status == 0 else { throw TemplateError(output: setup.stderr) }
        let imported = try cli.run("import", try cli.file("ledger.csv", ledgerCSV), "--actor", "test")
        guard imported.status == 0 else { throw TemplateError(output: imported.stderr) }
        return cli.databasePath
    }

    struct TemplateError: Error { var output: String }

    /// Five stations east of (116.40, 39.90), as in the server tests.
    static let ledgerCSV = """
        id,name,lon,lat,grade,organization,host_type,opening_hours,amenities,status
        T-1,Always open,116.401,39.90,A,,convenience_store,24/7,drinking_water;toilet;heating,active
        T-2,Office hours,116.402,39.90,B,,union_office,Mo-Fr 09:00-17:00; PH off,drinking_water;seating,active
        T-3,Members only,116.403,39.90,C,Acme Couriers,employer,24/7,drinking_water;toilet;ebike_charging,active
        T-4,Night shop,116.404,39.90,B,,shop,Mo-Su 20:00-08:00,drinking_water;phone_charging,active
        T-5,Suspended,116.4005,39.90,A,,bank,24/7,drinking_water,suspended

        """
}
