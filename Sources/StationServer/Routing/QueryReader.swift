import Hummingbird
import StationCore

/// Typed access to a request's query parameters, each failure a 400 naming the parameter.
struct QueryReader {
    let parameters: QueryParameters

    init(_ request: Request) {
        parameters = QueryParameters(target: request.uri.string)
    }

    /// The raw text of a parameter, nil when absent or empty.
    func string(_ name: String) -> String? {
        guard let value = parameters[name], !value.isEmpty else { return nil }
        return String(value)
    }

    func required(_ name: String) throws -> String {
        guard let value = string(name) else { throw APIError.invalid(name, "missing required parameter '\(name)'") }
        return value
    }

    func double(_ name: String) throws -> Double? {
        // Parsed from the query's own text, without making a String of it first.
        guard let text = parameters[name], !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw APIError.invalid(name, "'\(name)' must be a finite number, got '\(text)'")
        }
        return value
    }

    func requiredDouble(_ name: String) throws -> Double {
        guard let value = try double(name) else { throw APIError.invalid(name, "missing required parameter '\(name)'") }
        return value
    }

    func int(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else { throw APIError.invalid(name, "'\(name)' must be a whole number, got '\(text)'") }
        return value
    }

    func bool(_ name: String) throws -> Bool {
        guard let text = string(name)?.lowercased() else { return false }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.invalid(name, "'\(name)' must be true or false, got '\(text)'")
        }
    }

    /// A comma-separated list, items trimmed of white space, empty items dropped.
    func list(_ name: String) -> [String] {
        var items: [String] = []
        forEachItem(name) { items.append(String($0)) }
        return items
    }

    /// Calls `body` with each item of a comma-separated list, trimmed of white space, empty items
    /// skipped; scanning for commas rather than splitting, so no array is made on the way.
    func forEachItem(_ name: String, _ body: (Substring) throws -> Void) rethrows {
        guard let value = parameters[name], !value.isEmpty else { return }
        let utf8 = value.utf8
        var start = utf8.startIndex
        while true {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: ",")) ?? utf8.endIndex
            let item = Self.trimmed(value[start..<end])
            if !item.isEmpty { try body(item) }
            guard end < utf8.endIndex else { return }
            start = utf8.index(after: end)
        }
    }

    /// `item` without leading and trailing white space. By hand: Foundation's `trimmingCharacters(in:)`
    /// was a visible cost on every nearest query, and so was stepping by `Character`, so plain ASCII
    /// text (every list a client's code builds) is trimmed byte by byte.
    static func trimmed(_ item: Substring) -> Substring {
        let utf8 = item.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            var text = item
            while text.first?.isWhitespace == true { text.removeFirst() }
            while text.last?.isWhitespace == true { text.removeLast() }
            return text
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        return item[first...last]
    }

    /// A value of a string enum, with the valid choices in the error.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            let valid = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalid(name, "unknown \(name) '\(text)'; expected one of: \(valid)")
        }
        return value
    }

    func amenities(_ name: String = "amenities") throws -> AmenitySet {
        var set = AmenitySet()
        // Matched on bytes against the vocabulary: an amenity filter comes with every nearest query,
        // and making Strings of the items then hashing them was a visible share of one.
        try forEachItem(name) { item in
            let bytes = item.utf8.count
            guard let amenity = Self.amenityNames.first(where: {
                $0.bytes == bytes && $0.name.utf8.elementsEqual(item.utf8)
            })?.amenity else {
                throw APIError.invalid(name, "unknown amenity '\(item)'; known: \(Amenity.vocabularyList)")
            }
            set.insert(amenity)
        }
        return set
    }

    /// The amenity vocabulary with each name's length in bytes, made once.
    private static let amenityNames: [(name: String, bytes: Int, amenity: Amenity)] = Amenity.allCases.map {
        ($0.rawValue, $0.rawValue.utf8.count, $0)
    }

    func grades(_ name: String = "grades") throws -> Set<Grade> {
        var set = Set<Grade>()
        for item in list(name) {
            guard let grade = Grade(rawValue: item.uppercased()) else {
                throw APIError.invalid(name, "unknown grade '\(item)'; expected A, B or C")
            }
            set.insert(grade)
        }
        return set
    }
}

import Foundation
