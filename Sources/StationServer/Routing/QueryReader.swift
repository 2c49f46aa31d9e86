import Foundation
import Hummingbird
import StationApp
import StationCore

/// Typed access to a request's query parameters, each failure a 400 naming the parameter.
struct QueryReader {
    let parameters: QueryParameters

    init(_ request: Request) {
        parameters = QueryParameters(target: request.uri.string)
    }

    /// Refuses any parameter `route` does not read and repeats of single-valued ones, each with a
    /// 400 naming the parameter (and the right spelling when the name is the CLI's).
    func check(against route: APIRoute) throws {
        var seen = Set<Substring>()
        for name in parameters.names {
            let text = String(name)
            if Self.neverEmpty.contains(text), parameters.values(text).contains(where: \.isEmpty) {
                throw APIError.invalid(text, "parameter '\(text)' is empty; give it a value or leave it out")
            }
            if route.single.contains(text) {
                guard seen.insert(name).inserted else {
                    throw APIError.invalid(text, "parameter '\(text)' is given more than once; give it once")
                }
            } else if !route.lists.contains(text) {
                throw APIError.invalid(text, Self.unknownParameterMessage(text, route: route))
            }
        }
    }

    /// Parameters whose empty value would otherwise be read as absent, silently giving the default
    /// (`mode=` walking, `district=` every district): a choice, a name or a route is never empty.
    static let neverEmpty: Set<String> = ["mode", "open", "crs", "format", "kind", "status", "district", "member",
                                          "polyline", "precision"]

    /// "unknown parameter", with the route's spelling when `name` is a CLI flag's (`max-distance`,
    /// `amenity`) and the list of what the route reads.
    static func unknownParameterMessage(_ name: String, route: APIRoute) -> String {
        let known = route.parameters.sorted()
        let snake = name.replacingOccurrences(of: "-", with: "_").lowercased()
        let plural = snake.hasSuffix("y") ? snake.dropLast() + "ies" : snake + "s"
        let guess = [snake, plural].first { route.parameters.contains($0) && $0 != name }
        var message = "unknown parameter '\(name)'"
        if let guess { message += " (did you mean '\(guess)'?)" }
        message += known.isEmpty
            ? "; \(route.path) takes no query parameters"
            : "; \(route.path) takes: \(known.joined(separator: ", "))"
        return message
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

    /// A number's or a flag's text, nil when absent; an empty value is refused rather than read as
    /// absent (`walk_minutes=` silently giving the 500 m default), as the document's types say.
    func typedText(_ name: String) throws -> Substring? {
        guard let text = parameters[name] else { return nil }
        if text.isEmpty { throw APIError.invalid(name, "parameter '\(name)' is empty; give it a value or leave it out") }
        return text
    }

    func double(_ name: String) throws -> Double? {
        // Parsed from the query's own text, without making a String of it first.
        guard let text = try typedText(name) else { return nil }
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
        guard let text = try typedText(name) else { return nil }
        guard let value = Int(text) else { throw APIError.invalid(name, "'\(name)' must be a whole number, got '\(text)'") }
        return value
    }

    func bool(_ name: String) throws -> Bool {
        guard let text = try typedText(name)?.lowercased() else { return false }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.invalid(name, "'\(name)' must be true or false, got '\(text)'")
        }
    }

    /// A list parameter's items from every repeat, split at commas (and the full-width `，`,
    /// `;`, `、`), trimmed, empty items dropped.
    func list(_ name: String) -> [String] {
        parameters.values(name).flatMap { value -> [String] in
            // The plain ASCII list a client's code builds is split on bytes; anything else goes
            // through the vocabulary's splitter, which knows the full-width separators.
            if value.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: ";") }) {
                return value.split(separator: ",").map { String(Self.trimmed($0)) }.filter { !$0.isEmpty }
            }
            return VocabularyWords.listItems(String(value))
        }
    }

    /// `item` without leading and trailing white space.
    static func trimmed(_ item: Substring) -> Substring {
        var text = item
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
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

    /// Amenities by their English names or the Chinese words the importer accepts (`厕所`).
    func amenities(_ name: String = "amenities") throws -> AmenitySet {
        try QueryInput.amenities(list(name), field: name)
    }

    func grades(_ name: String = "grades") throws -> Set<Grade> {
        try QueryInput.grades(list(name), field: name)
    }

    /// Whether the caller asked for GeoJSON: `format=geojson`, or `Accept: application/geo+json`
    /// without `format=json`; any other `format` is refused.
    func wantsGeoJSON(_ request: Request) throws -> Bool {
        switch string("format")?.lowercased() {
        case "geojson": return true
        case "json": return false
        case nil: return request.headers[.accept]?.contains("application/geo+json") ?? false
        case let other?: throw APIError.invalid("format", "unknown format '\(other)'; expected json or geojson")
        }
    }
}
