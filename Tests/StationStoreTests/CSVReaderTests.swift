import Testing
@testable import StationStore

@Suite struct CSVReaderTests {
    func parse(_ s: String) -> (records: [CSVReader.Record], issues: [CSVReader.Issue]) {
        CSVReader.parse(Array(s.utf8)[...])
    }

    @Test func quotedFieldsAndLineNumbers() {
        let (records, issues) = parse("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n2,\"two\nlines\",4\n5,,\n")
        #expect(issues.isEmpty)
        #expect(records.map(\.line) == [1, 2, 4, 6])
        #expect(records[1].fields == ["1", "x, \"y\"", "3"])
        #expect(records[2].fields == ["2", "two\nlines", "4"])
        #expect(records[3].fields == ["5", "", ""])
    }

    @Test func noFinalNewline() {
        let (records, _) = parse("a,b\n1,2")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func unterminatedQuoteNamesTheOpeningLine() {
        let (records, issues) = parse("a,b\n1,\"open\n2,3\n")
        #expect(records.count == 1)
        #expect(issues == [CSVReader.Issue(line: 2, field: 2, reason: "unterminated quote: the quoted field opened here never closes")])
    }

    @Test func strayQuotes() {
        let (_, issues) = parse("a,b\n1,x\"y\n\"p\"q,2\n")
        #expect(issues.map(\.line) == [2, 3])
        #expect(issues.map(\.field) == [2, 1])
        #expect(issues[0].reason.contains("quote inside an unquoted field"))
        #expect(issues[1].reason.contains("text after the closing quote"))
    }
}

@Suite struct LedgerTextTests {
    @Test func bomIsRemoved() throws {
        let body = try LedgerText.utf8Bytes([0xEF, 0xBB, 0xBF, 0x61])
        #expect(Array(body) == [0x61])
    }

    @Test func gbkIsRecognised() {
        // "北京" in GBK is B1 B1 BE A9.
        #expect(throws: LedgerTextError.self) { try LedgerText.utf8Bytes([0x61, 0x0A, 0xB1, 0xB1, 0xBE, 0xA9]) }
        do {
            _ = try LedgerText.utf8Bytes([0x61, 0x0A, 0xB1, 0xB1, 0xBE, 0xA9])
        } catch {
            #expect(error.reason == "is not UTF-8 (looks like GBK/GB18030; first invalid byte 0xB1 on line 2); re-save as UTF-8")
        }
    }

    @Test func utf8ValidatorAgreesWithSwift() {
        // Every 2-byte and a sample of 3-byte sequences: our validator against String(validating:).
        var seeds: [[UInt8]] = []
        for a in 0x80...0xFF { for b in stride(from: 0x00, through: 0xFF, by: 7) { seeds.append([UInt8(a), UInt8(b)]) } }
        for a in stride(from: 0xE0, through: 0xF4, by: 1) {
            for b in stride(from: 0x80, through: 0xBF, by: 5) { seeds.append([UInt8(a), UInt8(b), 0x80, 0x80]) }
        }
        for bytes in seeds {
            let ours = LedgerText.firstInvalidUTF8(bytes[...]) == nil
            let swift = String(validating: bytes, as: UTF8.self) != nil
            #expect(ours == swift, "bytes \(bytes)")
        }
    }

    @Test func dates() {
        #expect(LedgerDate.iso("2024-02-29") == "2024-02-29")
        #expect(LedgerDate.iso("2024/3/5") == "2024-03-05")
        #expect(LedgerDate.iso("2023-02-29") == nil)
        #expect(LedgerDate.iso("1900-02-29") == nil)
        #expect(LedgerDate.iso("2000-02-29") == "2000-02-29")
        #expect(LedgerDate.iso("2025-13-01") == nil)
        #expect(LedgerDate.iso("25-01-01") == nil)
    }
}
