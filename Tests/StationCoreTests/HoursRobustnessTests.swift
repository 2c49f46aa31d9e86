import Testing
@testable import StationCore

/// The parser on random text and on mutated valid values: it always returns (no crash, no hang),
/// either a value that evaluates or an error whose position lies within the text (or just after it).
@Suite struct HoursRobustnessTests {
    static let alphabet: [Character] = Array("0123456789:;,-+/[]()._ \"|&MoTuWeThFrSaSuPHSHJanFebDecweekoffopenclosedunknown24/7sunrisedusk äé中周–—°\t")

    static let valid = [
        "Mo-Fr 08:30-17:30; PH off", "24/7", "Mo-Su 05:00-20:00", "Mo-Fr 09:00-17:00; Sa,Su 09:30-16:00; PH off",
        "Tu-Su 09:00-20:00; Mo off", "Mo-Fr 08:00-12:00,13:30-17:30", "22:00-02:00; Tu 12:00-14:00",
        "Jan 01,Dec 24-26 off", "2026 Oct 01-07 10:00-16:00", "week 01-53/2 Sa 10:00+", "We[4-5] 10:00-12:00",
        "Sa[-1] +3 days 10:00-12:00", "Mo-Fr 10:00-20:00 open \"x\" || \"call\"", "(sunrise+01:00)-(sunset-00:30)",
        "Dec 25-easter off", "2013,2015,2050-2053,2055/2,2060+ Jan 01", "Mar Su[-1]-Oct Su[-1] -1 day open",
    ]

    func check(_ text: String) {
        let length = text.unicodeScalars.count
        do {
            let hours = try OpeningHours.parse(text)
            _ = hours.state(at: LocalDateTime(iso: "2026-06-15T12:00")!)
        } catch {
            #expect(error.position >= 1 && error.position <= length + 1, "\(text): position \(error.position)")
            #expect(!error.reason.isEmpty)
        }
    }

    @Test func randomText() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<15_000 {
            let length = Int(rng.next() % 40)
            var text = ""
            for _ in 0..<length { text.append(Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))]) }
            check(text)
        }
    }

    @Test func mutatedValidValues() {
        var rng = SplitMix64(seed: 100)
        for _ in 0..<15_000 {
            var chars = Array(Self.valid[Int(rng.next() % UInt64(Self.valid.count))])
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let position = chars.isEmpty ? 0 : Int(rng.next() % UInt64(chars.count))
                let c = Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))]
                switch rng.next() % 3 {
                case 0 where !chars.isEmpty: chars.remove(at: position)
                case 1: chars.insert(c, at: position)
                default: if !chars.isEmpty { chars[position] = c }
                }
            }
            check(String(chars))
        }
    }

    @Test func generatedExpressionsAllParse() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let text = HoursRandomExpressions.expression(&rng)
            do { _ = try OpeningHours.parse(text) } catch { Issue.record("\(text): \(error)") }
        }
    }
}
