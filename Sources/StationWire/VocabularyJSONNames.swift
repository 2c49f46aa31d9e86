import StationCore

/// The vocabulary values a nearest answer writes in every result (and its query echo), as static text.
///
/// Why: `rawValue` makes a `String` that the writer then scans for characters to escape; these values
/// are plain ASCII known at compile time, and a state is written in every result. Each must equal its
/// `rawValue` (checked by a test over every case).
protocol JSONNamed {
    var jsonName: StaticString { get }
}

extension OpeningState: JSONNamed {
    var jsonName: StaticString {
        switch self {
        case .open: return "open"
        case .closed: return "closed"
        case .unknown: return "unknown"
        }
    }
}

extension TravelMode: JSONNamed {
    var jsonName: StaticString {
        switch self {
        case .walk: return "walk"
        case .ebike: return "ebike"
        case .car: return "car"
        }
    }
}

extension OpenPolicy: JSONNamed {
    var jsonName: StaticString {
        switch self {
        case .now: return "now"
        case .arrival: return "arrival"
        }
    }
}

extension CoordinateSystem: JSONNamed {
    var jsonName: StaticString {
        switch self {
        case .wgs84: return "wgs84"
        case .gcj02: return "gcj02"
        case .bd09: return "bd09"
        }
    }
}

extension JSONWriter {
    /// A vocabulary value as a JSON string.
    @inline(__always)
    mutating func string(_ value: some JSONNamed) { string(literal: value.jsonName) }
}
