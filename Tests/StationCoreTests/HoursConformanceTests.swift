import Foundation
import Testing
@testable import StationCore

/// Runs the reference implementation's cases (`../shared/conformance/opening-hours/cases.jsonl`,
/// beside the repository) as local times without a zone, and prints the pass rate per group. Without
/// the file it skips, except under `CI=true`, where it fails.
///
/// Every case outside the "Error tolerance" groups must pass. An error-tolerance case passes or is
/// refused by the parser with a reason; a lenient parse with a wrong answer fails the test.
@Suite struct HoursConformanceTests {
    struct Case: Decodable {
        var expr: String
        var at: String
        var expected: String
        var `case`: String
    }

    /// Cases allowed to differ, with the reason (none needed so far: the reference ran in
    /// Europe/Berlin, but every case reads as a plain wall-clock time here).
    static let knownDifferences: [String: String] = [:]

    static func casesURL() -> URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()  // StationCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository
            .deletingLastPathComponent()  // its parent
            .appendingPathComponent("shared/conformance/opening-hours/cases.jsonl")
    }

    @Test func referenceCases() throws {
        let url = Self.casesURL()
        guard let data = try? Data(contentsOf: url) else {
            // Under CI a missing suite is a failure, not a pass: CI is where the cases must be present.
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("HoursConformance: the cases file \(url.path) is missing (CI=true)")
            } else {
                print("HoursConformance: skipped, \(url.path) not found")
            }
            return
        }
        let decoder = JSONDecoder()
        var cases: [Case] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            cases.append(try decoder.decode(Case.self, from: Data(line)))
        }
        #expect(cases.count > 10_000)

        struct Tally { var total = 0, passed = 0, refused = 0, wrong = 0 }
        var groups: [String: Tally] = [:]
        var order: [String] = []
        var parsed: [String: Result<OpeningHours, OpeningHoursError>] = [:]
        var failures: [String] = []
        var refusals: [String: String] = [:]
        for c in cases {
            if groups[c.case] == nil { order.append(c.case) }
            var tally = groups[c.case] ?? Tally()
            tally.total += 1
            let tolerant = c.case.hasPrefix("Error tolerance")
            let result: Result<OpeningHours, OpeningHoursError>
            if let cached = parsed[c.expr] {
                result = cached
            } else {
                do { result = .success(try OpeningHours.parse(c.expr)) } catch { result = .failure(error) }
                parsed[c.expr] = result
            }
            switch result {
            case .failure(let error):
                if tolerant {
                    tally.refused += 1
                    refusals[c.expr] = error.description
                } else {
                    tally.wrong += 1
                    failures.append("[\(c.case)] \(c.expr) -> parse error \(error)")
                }
            case .success(let hours):
                guard let time = LocalDateTime(iso: c.at) else {
                    failures.append("bad time \(c.at)")
                    continue
                }
                let got = hours.state(at: time, calendar: .china).rawValue
                if got == c.expected {
                    tally.passed += 1
                } else if Self.knownDifferences[c.expr + "@" + c.at] != nil {
                    tally.passed += 1
                } else {
                    tally.wrong += 1
                    failures.append("[\(c.case)] \(c.expr) @ \(c.at): expected \(c.expected), got \(got)")
                }
            }
            groups[c.case] = tally
        }
        var total = Tally()
        for name in order {
            let t = groups[name]!
            total.total += t.total; total.passed += t.passed; total.refused += t.refused; total.wrong += t.wrong
            let rate = String(format: "%5.1f%%", 100 * Double(t.passed) / Double(t.total))
            print("HoursConformance \(rate) \(t.passed)/\(t.total) passed, \(t.refused) refused, \(t.wrong) wrong: \(name)")
        }
        print("HoursConformance total: \(total.passed)/\(total.total) passed, \(total.refused) refused (error tolerance), \(total.wrong) wrong")
        for (expr, reason) in refusals.sorted(by: { $0.key < $1.key }) {
            print("HoursConformance refused: \(expr)  ->  \(reason)")
        }
        for f in failures.prefix(200) { print("HoursConformance FAIL \(f)") }
        let failed = failures.count
        #expect(failed == 0, "conformance cases failed (see HoursConformance FAIL lines)")
    }
}
