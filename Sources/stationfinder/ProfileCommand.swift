import ArgumentParser
import Foundation
import StationCore
import StationGeometry

/// `stationfinder profile`: coverage for each hour of a week in one district.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Coverage % for each of the 168 hours of a week (Monday 00:00 to Sunday 23:00) in one district."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var radius: CoverageRadiusOptions

    @Option(help: "District by adcode, Chinese name or pinyin.")
    var district: String

    @Option(help: "A date YYYY-MM-DD inside the week to profile (default: this week); holidays in it count.")
    var date: String?

    @OptionGroup var demandFile: DemandOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let epoch = try QueryOptions.day(date)
        let (loaded, _) = try await CoverageCLI.analyzer(database)
        let shape = try CoverageCLI.districts([district], in: loaded)[0]
        let analyzer = loaded.with(demand: try demandFile.layer(for: [shape]))
        let options = CoverageOptions(radiusMetres: radius.radius, time: .at(epochSeconds: epoch),
                                      includeMembersOnly: radius.includeMembersOnly)
        let profile = try analyzer.weekProfile(of: shape, weekContaining: epoch, options: options,
                                               progress: CoverageCLI.progress("hours"))
        if json {
            print(try LedgerCLI.json(profile))
            return
        }
        let echo = radius.includeMembersOnly ? "members-only stations included" : "public stations only"
        print("\(profile.district) \(profile.name), week of \(profile.weekStart), radius \(CoverageCLI.f(profile.radiusM, 0)) m, \(echo): coverage % by hour")
        var table = TextTable(["day"] + (0..<24).map { String(format: "%02d", $0) }, rightAligned: Set(1...24))
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        for (d, day) in days.enumerated() {
            let row = profile.hours[(d * 24)..<(d * 24 + 24)]
            table.append(["\(day) \(row.first.map { String($0.start.dropFirst(8).prefix(2)) } ?? "")"]
                         + row.map { CoverageCLI.f($0.coveragePct, 1) })
        }
        print(table.render())
        if analyzer.demand != nil {
            print("population-weighted coverage % by hour (demand from \(profile.demandSource))")
            var weighted = TextTable(["day"] + (0..<24).map { String(format: "%02d", $0) }, rightAligned: Set(1...24))
            for (d, day) in days.enumerated() {
                let row = profile.hours[(d * 24)..<(d * 24 + 24)]
                weighted.append([day] + row.map { CoverageCLI.f($0.populationWeightedCoveragePct ?? 0, 1) })
            }
            print(weighted.render())
        } else {
            print(CoverageCLI.uniformDemandNote)
        }
    }
}
