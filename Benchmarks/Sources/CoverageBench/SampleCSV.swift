import Foundation

/// Reads the sample ledger CSV (RFC 4180 quoting) into rows keyed by header name.
enum SampleCSV {
    static func rows(_ text: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false
        var it = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { record.append(field); records.append(record); record = []; field = "" }
            else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { r in
            var row: [String: String] = [:]
            for (i, name) in header.enumerated() where i < r.count { row[name] = r[i] }
            return row
        }
    }
}
