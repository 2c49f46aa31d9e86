import ArgumentParser
import Foundation
import StationApp
import StationCore
import StationGeometry
import StationStore

/// Which districts and which moment `coverage` and `export` look at.
struct CoverageScopeOptions: ParsableArguments {
    @Option(name: .customLong("district"), help: "District by adcode, Chinese name or pinyin (repeatable; default: all).")
    var districts: [String] = []

    @Option(help: "Local Beijing time \"YYYY-MM-DDTHH:MM\" or \"now\" (default: now).")
    var at: String?

    @Flag(help: "Count stations open at some time in the week (Monday to Sunday, Beijing) holding now, as the API does, instead of at one instant.")
    var anyTime = false
}

/// The options every coverage command shares: service radius and members-only stations.
struct CoverageRadiusOptions: ParsableArguments {
    @Option(help: "Service radius around each station, metres (0 < M <= 50000).")
    var radius: Double = CoverageOptions.defaultRadiusMetres

    @Flag(help: "Count members-only (grade C) stations too; they serve one employer's workers only.")
    var includeMembersOnly = false

    func validate() throws {
        guard radius.isFinite, radius > 0 else { throw ValidationError("--radius must be greater than 0 metres, got \(radius)") }
        guard radius <= 50_000 else { throw ValidationError("--radius must be at most 50000 metres (50 km), got \(radius)") }
    }
}

/// Loading the ledger and districts and turning command-line words into analysis inputs.
enum CoverageCLI {
    /// The analyzer over the stored districts (with census population) and the whole ledger: the
    /// same snapshot the server answers from.
    static func analyzer(_ db: DatabaseOptions) async throws -> (analyzer: CoverageAnalyzer, ledger: [Station]) {
        let store = try await LedgerCLI.openSetUp(db)
        let (stations, version) = try await store.versionedStations()
        let snapshot = LedgerSnapshot(stations: stations, ledgerVersion: version,
                                      geography: try await LedgerGeography.load(from: store))
        return (snapshot.coverage, stations)
    }

    /// The districts named on the command line (all when none), or an error listing valid names.
    static func districts(_ queries: [String], in analyzer: CoverageAnalyzer) throws -> [DistrictShape] {
        if queries.isEmpty { return analyzer.districts }
        var shapes: [DistrictShape] = []
        // Each district once, in the order first named (`--district 东城区 --district Dongcheng` is one).
        for q in queries {
            let shape: DistrictShape
            do { shape = try analyzer.district(matching: q) } catch { throw ValidationError("\(error)") }
            if !shapes.contains(where: { $0.name.adcode == shape.name.adcode }) { shapes.append(shape) }
        }
        return shapes
    }

    /// Shows progress on a terminal only (standard error is a TTY), never in pipes or files.
    static func progress(_ label: String) -> @Sendable (Int, Int) -> Void {
        guard isatty(STDERR_FILENO) == 1 else { return { _, _ in } }
        return { done, total in
            FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)\(done == total ? "\n" : "")".utf8))
        }
    }

    static func f(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

}
