import StationCore

/// libFuzzer entry: the query-string reader the HTTP API uses for every request (split into
/// pairs, names and values percent-decoded), then the list splitting and vocabulary look-ups the
/// typed readers apply to the values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryString(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let target = "/v1/stations/nearest?" + String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let parameters = QueryParameters(target: target)
    for name in parameters.names {
        let key = String(name)
        guard let value = parameters[key] else { fatalError("a name the reader listed has no value: \(key)") }
        _ = Double(value)
        _ = Int(value)
        for item in VocabularyWords.listItems(String(value)) {
            _ = VocabularyWords.amenity(item)
            _ = VocabularyWords.grade(item)
        }
        _ = parameters.values(key)
        _ = LocalDateTime(iso: String(value))
    }
    return 0
}
