import StationCore

/// Validates opening-hours text with the core's OSM `opening_hours` parser.
enum HoursCheck {
    /// Nil when `text` parses, else the parser's reason with its character position.
    static func problem(_ text: String) -> String? {
        do {
            _ = try OpeningHours.parse(text)
            return nil
        } catch {
            return "invalid opening hours '\(text)': at character \(error.position): \(error.reason)"
        }
    }
}
