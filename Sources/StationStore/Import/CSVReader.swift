/// An RFC 4180 CSV reader that keeps the line number of every record.
///
/// Written by hand rather than taken from a package: an import error must name the exact line
/// of a record that spans several lines (a quoted address with a line break) and the exact
/// reason (an unterminated quote, a stray quote, text after a closing quote); the CSV packages
/// available to this project report neither. It accepts CRLF or LF line ends, quoted fields
/// with doubled quotes and embedded line breaks; the caller removes a BOM first.
struct CSVReader {
    /// One record: its fields and the line on which it starts (1-based).
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// A syntax problem at a line and field (1-based).
    struct Issue: Equatable {
        var line: Int
        var field: Int
        var reason: String
    }

    /// Parses all records. Blank lines are skipped. Syntax issues are collected; an
    /// unterminated quote ends the parse because the rest of the file is inside it.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (records: [Record], issues: [Issue]) {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var records: [Record] = []
        var issues: [Issue] = []
        var i = bytes.startIndex
        let end = bytes.endIndex
        var line = 1
        var field: [UInt8] = []
        field.reserveCapacity(64)

        while i < end {
            let recordLine = line
            var fields: [String] = []
            var recordBytes = 0
            recordLoop: while true {
                field.removeAll(keepingCapacity: true)
                let fieldNumber = fields.count + 1
                if i < end && bytes[i] == quote {
                    let quoteLine = line
                    i += 1
                    var closed = false
                    while i < end {
                        let b = bytes[i]
                        if b == quote {
                            if i + 1 < end && bytes[i + 1] == quote {
                                field.append(quote)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if b == lf { line += 1 }
                        field.append(b)
                        i += 1
                    }
                    if !closed {
                        issues.append(Issue(
                            line: quoteLine, field: fieldNumber,
                            reason: "unterminated quote: the quoted field opened here never closes"))
                        return (records, issues)
                    }
                    if i < end && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf {
                        issues.append(Issue(
                            line: line, field: fieldNumber,
                            reason: "text after the closing quote; a quote inside a quoted field must be doubled (\"\")"))
                        while i < end && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf { i += 1 }
                    }
                    recordBytes += 1
                } else {
                    var strayQuote = false
                    while i < end {
                        let b = bytes[i]
                        if b == comma || b == cr || b == lf { break }
                        if b == quote { strayQuote = true }
                        field.append(b)
                        i += 1
                    }
                    if strayQuote {
                        issues.append(Issue(
                            line: line, field: fieldNumber,
                            reason: "quote inside an unquoted field; enclose the field in quotes and double the inner quote"))
                    }
                    recordBytes += field.count
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if i >= end { break recordLoop }
                switch bytes[i] {
                case comma:
                    i += 1
                    recordBytes += 1
                    if i >= end {  // a trailing comma at the end of the file: one more empty field
                        fields.append("")
                        break recordLoop
                    }
                case cr:
                    i += 1
                    if i < end && bytes[i] == lf { i += 1 }
                    line += 1
                    break recordLoop
                default:  // lf
                    i += 1
                    line += 1
                    break recordLoop
                }
            }
            if recordBytes == 0 && fields.count == 1 { continue }  // blank line
            records.append(Record(line: recordLine, fields: fields))
        }
        return (records, issues)
    }
}
