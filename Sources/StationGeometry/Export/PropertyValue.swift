import StationWire

/// A value in a GeoJSON feature's properties (or a foreign member of the collection).
enum PropertyValue {
    case string(String)
    /// A number with at most `decimals` decimals (``JSONWriter/number(_:decimals:)``).
    case number(Double, decimals: Int)
    case integer(Int)
    case strings([String])
    case bool(Bool)
    case null
    /// JSON text another writer finished (an object such as a recommendation's summary).
    case json(String)

    func write(to w: inout JSONWriter) {
        switch self {
        case .string(let s): w.string(s)
        case .number(let v, let d): w.number(v, decimals: d)
        case .integer(let i): w.integer(i)
        case .strings(let list): w.strings(list)
        case .bool(let b): w.bool(b)
        case .null: w.null()
        case .json(let text): w.json(text)
        }
    }
}
