import StationCore

/// Validates opening-hours text with the core's OSM `opening_hours` parser.
enum HoursCheck {
    /// Nil when `text` parses, else the parser's reason with its character position.
    static func problem(_ text: String) -> String? {
        // TODO: wire to OpeningHours.parse when StationCore/Hours lands.
        text.isEmpty ? "opening_hours is empty" : nil
    }
}
