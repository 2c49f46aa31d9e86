import Foundation
import Testing
@testable import StationCore
@testable import StationWire

/// The hand-written JSON writer against Foundation's parser (an independent implementation).
struct JSONWriterTests {
    @Test func nestedValuesRoundTripThroughFoundation() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key("name"); w.string("示例 \"quoted\" \\ back\nline\t\u{01}")
        w.key("n"); w.number(116.397691)
        w.key("whole"); w.number(40.0)
        w.key("neg"); w.number(-0.5)
        w.key("nan"); w.number(Double.nan)
        w.key("i"); w.integer(Int64(1_795_381_200))
        w.key("none"); w.string(nil as String?)
        w.key("list"); w.strings(["a", "b"])
        w.key("empty"); w.beginArray(); w.endArray()
        w.key("objects"); w.beginArray()
        w.beginObject(); w.key("x"); w.bool(true); w.endObject()
        w.beginObject(); w.endObject()
        w.endArray()
        w.endObject()
        #expect(w.text.hasPrefix(#"{"name":"示例 \"quoted\" \\ back\nline\t\u0001","n":116.397691,"whole":40,"neg":-0.5,"nan":null"#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
        #expect(parsed["name"] as? String == "示例 \"quoted\" \\ back\nline\t\u{01}")
        #expect(parsed["n"] as? Double == 116.397691)
        #expect(parsed["i"] as? Int == 1_795_381_200)
        #expect(parsed["none"] is NSNull)
        #expect(parsed["list"] as? [String] == ["a", "b"])
        #expect((parsed["objects"] as? [[String: Any]])?.count == 2)
    }

    @Test func quotedEscapesExactlyWhatJSONRequires() throws {
        #expect(JSONWriter.quoted("东城区") == "\"东城区\"")
        #expect(JSONWriter.quoted("a\"b\\c\n\u{1f}") == #""a\"b\\c\n\u001f""#)
        let back = try JSONSerialization.jsonObject(with: Data(("[" + JSONWriter.quoted("x\t\"y") + "]").utf8)) as? [String]
        #expect(back == ["x\t\"y"])
    }

    /// The text the writer produced before it formatted short decimals itself: integral values as
    /// integers, everything else by Swift's `description` (shortest round-trip form).
    static func referenceNumber(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    @Test("numbers: same text as Swift's shortest form, for coordinates, tenths and awkward values")
    func numbersMatchDescription() {
        var rng = SplitMix64(seed: 1121)
        var values: [Double] = [0, -0.0, 0.1, 0.5, 1e-4, 9.99e-5, 1e-7, 123456.7, 999_999_999.9, 1e9, 1e15, 2e15,
                                116.397691, -179.9999999, 39.9, 0.000123, 1.0 / 3, .pi, -2.5e-3]
        for _ in 0..<20_000 {
            let lon = (-180 + 360 * rng.nextUnit())
            values.append((lon * 1e6).rounded() / 1e6)  // a ledger coordinate with 6 decimals
            values.append((rng.nextUnit() * 50_000 * 10).rounded() / 10)  // metres rounded to 0.1
            values.append(lon)  // full precision
            values.append(lon * 1e-7)
        }
        for v in values {
            var w = JSONWriter()
            w.number(v)
            #expect(w.text == Self.referenceNumber(v), "\(v)")
        }
    }

    @Test("tenths: the text number() gives for the value rounded to 0.1, for distances, bearings, minutes and edges")
    func tenthsMatchRoundedNumbers() {
        var rng = SplitMix64(seed: 2211)
        var values: [Double] = [0, -0.0, -0.04, -0.25, 0.05, 0.95, 9.95, 359.96, 1e14, -1e14, 1e16, .nan, .infinity]
        for _ in 0..<20_000 {
            values.append(rng.nextUnit() * 50_000)  // metres
            values.append(rng.nextUnit() * 360)  // degrees
            values.append(rng.nextUnit() * 90)  // minutes
        }
        for v in values {
            var w = JSONWriter()
            w.tenths(v)
            var reference = JSONWriter()
            reference.number((v * 10).rounded() / 10)
            #expect(w.text == reference.text, "\(v)")
        }
    }

    @Test("vocabulary values written as static text equal their raw values")
    func vocabularyNames() {
        func check<T: JSONNamed & RawRepresentable & CaseIterable>(_: T.Type) where T.RawValue == String {
            for value in T.allCases {
                var w = JSONWriter()
                w.string(value)
                #expect(w.text == "\"\(value.rawValue)\"")
            }
        }
        check(OpeningState.self)
        check(TravelMode.self)
        check(OpenPolicy.self)
        check(CoordinateSystem.self)
    }

    @Test("local times with every month, day, hour and minute width")
    func localTimesInEveryWidth() {
        for (month, day, hour, minute) in [(1, 1, 0, 0), (9, 9, 9, 9), (10, 10, 10, 10), (12, 31, 23, 59)] {
            for year in [1, 99, 100, 999, 2026, 9999] {
                let t = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute)!
                var w = JSONWriter()
                w.localTime(t)
                #expect(w.text == "\"\(t.isoString)\"")
            }
        }
    }

    @Test("integers, local times and amenity lists are written in place, as their String forms would be")
    func inPlaceFormats() throws {
        var w = JSONWriter()
        w.beginArray()
        for i: Int64 in [0, 7, -7, 10, 1_795_381_200, .max, .min] { w.integer(i) }
        w.localTime(LocalDateTime(year: 2026, month: 3, day: 9, hour: 7, minute: 5)!)
        w.localTime(LocalDateTime(year: 987, month: 12, day: 31, hour: 23, minute: 59)!)
        w.amenities(AmenitySet([.toilet, .drinking_water, .nursing_room]))
        w.amenities(AmenitySet())
        w.endArray()
        #expect(w.text == "[0,7,-7,10,1795381200,\(Int64.max),\(Int64.min),\"2026-03-09T07:05\",\"0987-12-31T23:59\","
            + "[\"drinking_water\",\"toilet\",\"nursing_room\"],[]]")
        #expect(LocalDateTime(year: 987, month: 12, day: 31, hour: 23, minute: 59)!.isoString == "0987-12-31T23:59")
        #expect(Amenity.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
    }

    @Test("a dynamic key is escaped; deep nesting keeps its commas")
    func keysAndNesting() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key(text: "a\"b"); w.integer(1)
        w.key("deep")
        for _ in 0..<40 { w.beginArray(); w.integer(1) }
        for _ in 0..<40 { w.endArray() }
        w.key("after"); w.bool(false)
        w.endObject()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
        #expect(parsed["a\"b"] as? Int == 1)
        #expect(parsed["after"] as? Bool == false)
        #expect(w.text.contains("[1,[1,[1,"))
    }

    @Test("fixed decimals: trailing zeros dropped, -0 as 0, the digits printf's %.Nf gives")
    func fixedDecimals() {
        func text(_ v: Double, _ d: Int) -> String {
            var w = JSONWriter()
            w.number(v, decimals: d)
            return w.text
        }
        #expect(text(116.12345678, 7) == "116.1234568")
        #expect(text(-0.00000001, 7) == "0")
        #expect(text(39.5, 7) == "39.5")
        #expect(text(-12.25, 1) == "-12.3")
        #expect(text(40, 4) == "40")
        #expect(text(.infinity, 3) == "null")
        // Against printf on seeded coordinates (not halfway cases, where printf rounds the binary value).
        var rng = SplitMix64(seed: 20261204)
        for _ in 0..<10_000 {
            let v = (Double(rng.next() % 3_600_000_000) / 1e7 - 180) + 1e-9
            let d = Int(rng.next() % 8)
            var expected = String(format: "%.\(d)f", v)
            if expected.contains(".") {
                while expected.hasSuffix("0") { expected.removeLast() }
                if expected.hasSuffix(".") { expected.removeLast() }
            }
            if expected == "-0" { expected = "0" }
            #expect(text(v, d) == expected, "\(v) to \(d) decimals")
        }
    }

    @Test("JSON text copied as it is, and array items on lines of their own")
    func fragmentsAndLines() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key("geometry"); w.json(#"{"type":"Point","coordinates":[1,2]}"#)
        w.key("features")
        w.beginArray()
        for i in 0..<3 {
            w.nextItemOnNewLine()
            w.integer(i)
        }
        w.newline()
        w.endArray()
        w.endObject()
        #expect(w.text == "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"features\":[\n0,\n1,\n2\n]}")
        _ = try JSONSerialization.jsonObject(with: Data(w.bytes))
    }
}
