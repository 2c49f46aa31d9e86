import ArgumentParser
import Foundation
import StationCore
import StationGeometry

/// `stationfinder recommend`: where the next K stations should go in a district, and how close to the best that is.
struct RecommendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend sites for new stations that cover the most demand, keeping the existing ones.",
        discussion: "Greedy with lazy gains, then swaps; the answer carries an upper bound (GLPK LP relaxation) and its optimality gap. Candidates default to the centres of the district's 250 m cells that still have uncovered demand."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "District by adcode, Chinese name or pinyin.")
    var district: String

    @Option(help: "How many sites to add (1...500).")
    var count: Int

    @Option(help: "Service radius, metres (0 < M <= 50000; default 500).")
    var radius: Double?

    @OptionGroup var walk: WalkRadiusOption

    @Option(help: "Local Beijing time \"YYYY-MM-DDTHH:MM\" or \"now\" (default: now).")
    var at: String?

    @Flag(help: "Count stations open at some time in the week (Monday to Sunday, Beijing) holding now, as the API does, instead of at one instant.")
    var anyTime = false

    @OptionGroup var demandFile: DemandOptions

    @Option(help: "Candidate sites: CSV lon,lat[,id] or GeoJSON Points, all inside the district.")
    var candidates: String?

    @Option(help: "Stations a place needs within the radius to count as covered: 1, or 2 (cross-coverage).")
    var minStations: Int = 1

    @Flag(help: "Count members-only (grade C) stations too.")
    var includeMembersOnly = false

    @Option(help: "Seconds the LP bound may run (0.1...600); stopped there, the bound is looser and the answer says so.")
    var boundSeconds: Double = 60

    @Flag(help: "Print the JSON document instead of a table.")
    var json = false

    @Option(help: "Write the sites as a GeoJSON FeatureCollection to this file instead.")
    var geojson: String?

    func validate() throws {
        guard RecommendOptions.countRange.contains(count) else { throw ValidationError("--count must be within 1...500, got \(count)") }
        guard (1...2).contains(minStations) else { throw ValidationError("--min-stations must be 1 or 2, got \(minStations)") }
        if let radius {
            guard radius.isFinite, radius > 0 else { throw ValidationError("--radius must be greater than 0 metres, got \(radius)") }
            guard radius <= 50_000 else { throw ValidationError("--radius must be at most 50000 metres (50 km), got \(radius)") }
        }
        if json && geojson != nil { throw ValidationError("use either --json or --geojson, not both") }
        guard RecommendOptions.boundSecondsRange.contains(boundSeconds) else {
            throw ValidationError("--bound-seconds must be within 0.1...600, got \(boundSeconds)")
        }
    }

    func run() async throws {
        let metres = try walk.radiusMetres(radius ?? CoverageOptions.defaultRadiusMetres, radiusGiven: radius != nil)
        let time = try QueryOptions.coverageTime(at: at, anyTime: anyTime)
        let sites = try candidates.map { path -> [CandidateSite] in
            let name = URL(fileURLWithPath: path).lastPathComponent
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read candidates file \(path)")
            }
            do { return try CandidateSite.parse(data, source: name) } catch { throw ValidationError("invalid candidates file: \(error)") }
        }
        let (analyzer, _) = try await CoverageCLI.analyzer(database)
        let shape = try CoverageCLI.districts([district], in: analyzer)[0]
        let layer = try demandFile.layer(for: [shape])
        let options = RecommendOptions(
            coverage: CoverageOptions(radiusMetres: metres, time: time, includeMembersOnly: includeMembersOnly),
            count: count, minStations: minStations, candidates: sites, demand: layer, boundSeconds: boundSeconds)
        let answer: SiteRecommendation
        do {
            answer = try analyzer.recommend(in: shape, options: options)
        } catch let error as RecommendError {
            if case .candidateOutside(_, let origin, let reason) = error {
                throw ValidationError("invalid candidates file: \(candidates.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "candidates"): \(origin): \(reason)")
            }
            throw ValidationError(error.description)
        }
        if let geojson {
            let url = URL(fileURLWithPath: geojson)
            try answer.writeGeoJSON(to: url)
            print("wrote \(url.path)")
            return
        }
        if json {
            print(String(decoding: answer.json(), as: UTF8.self))
            return
        }
        for line in RecommendationText.lines(answer) { print(line) }
    }
}
