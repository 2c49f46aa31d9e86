import Foundation
import StationCore
import Testing
@testable import StationServer

@Suite("Query parameters")
struct QueryParametersTests {
    @Test("name=value pairs after '?', up to '#'; absent names are nil")
    func pairs() {
        let p = QueryParameters(target: "/v1/stations/nearest?lon=116.4&lat=39.9&limit=5#top")
        #expect(p["lon"] == "116.4")
        #expect(p["lat"] == "39.9")
        #expect(p["limit"] == "5")
        #expect(p["crs"] == nil)
        #expect(QueryParameters(target: "/healthz")["lon"] == nil)
        #expect(QueryParameters(target: "/healthz?")["lon"] == nil)
    }

    @Test("percent escapes decoded in names and values; '+' stays a plus; a malformed escape is kept as sent")
    func decoding() {
        let p = QueryParameters(target: "/x?member=%E5%B7%A5%E4%BC%9A&max%5Fdistance=500&at=2026-11-23T10:00+08:00&bad=%zz1")
        #expect(p["member"] == "工会")
        #expect(p["max_distance"] == "500")
        #expect(p["at"] == "2026-11-23T10:00+08:00")
        #expect(p["bad"] == "%zz1")
    }

    @Test("a name without '=' has the empty value, empty pairs are skipped, the first of repeated names wins")
    func edges() {
        let p = QueryParameters(target: "/x?&&flag&amenities=toilet&amenities=wifi&empty=&eq=a=b")
        #expect(p["flag"] == "")
        #expect(p["amenities"] == "toilet")
        #expect(p["empty"] == "")
        #expect(p["eq"] == "a=b")
        #expect(p[""] == nil)
    }
}

@Suite("Query parameter lists")
struct QueryListTests {
    @Test("items trimmed of ASCII and ideographic white space; empty items dropped")
    func trimming() {
        #expect(QueryReader.trimmed(" toilet\t") == "toilet")
        #expect(QueryReader.trimmed("   ") == "")
        #expect(QueryReader.trimmed("") == "")
        #expect(QueryReader.trimmed("\u{3000}heating\u{3000}") == "heating")
        #expect(QueryReader.trimmed("a b") == "a b")
    }

    @Test("percent-decoding by bytes agrees with Foundation's removingPercentEncoding on seeded random text")
    func decodingAgreesWithFoundation() {
        var generator = SplitMix64(seed: 20261203)
        let alphabet = Array("ab%2F%E5%8E%95%zz+ =%4%C3%28~%41-_.".utf8)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            let expected = text.removingPercentEncoding ?? text
            #expect(String(QueryParameters.decoded(text[...])) == expected, "\(text)")
        }
    }
}

