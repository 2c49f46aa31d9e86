import Foundation
import Testing
@testable import StationCore

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
}
