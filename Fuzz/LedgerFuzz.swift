import StationCore

/// libFuzzer entry: the CSV and GeoJSON ledger readers a clerk's upload goes through (the first
/// input byte picks the reader). Any bytes must give records or issues, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLedgerReaders(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    var issues = IssueCollector()
    if bytes[0] & 1 == 0 {
        _ = CSVLedgerReader.records(bytes[1...], file: "fuzz.csv", issues: &issues)
    } else {
        _ = GeoJSONLedgerReader.records(bytes[1...], file: "fuzz.geojson", issues: &issues)
    }
    _ = issues.error().description
    return 0
}
