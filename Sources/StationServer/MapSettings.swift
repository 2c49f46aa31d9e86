/// What the map page at `/map` is served with: where Debian's Leaflet lives and an optional basemap.
public struct MapSettings: Sendable {
    /// Where Debian's `libjs-leaflet` package installs Leaflet.
    public static let debianLeafletDirectory = "/usr/share/javascript/leaflet"
    /// The Debian package the map needs.
    public static let leafletPackage = "libjs-leaflet"

    /// Directory holding `leaflet.js`, `leaflet.css` and `images/`.
    public var leafletDirectory: String
    /// A basemap under the overlays; none by default (the district outlines give the context).
    public var tiles: TileLayer?

    public init(leafletDirectory: String = MapSettings.debianLeafletDirectory, tiles: TileLayer? = nil) {
        self.leafletDirectory = leafletDirectory
        self.tiles = tiles
    }
}

/// A `{z}/{x}/{y}` tile URL template and its attribution (`serve --tiles URL`).
public struct TileLayer: Sendable, Equatable {
    public let urlTemplate: String
    public let attribution: String

    /// Checks the template: an http(s) URL with a host, `{z}`, `{x}` and `{y}`, and no characters
    /// that could break out of an HTML attribute or a Content-Security-Policy header.
    public init(urlTemplate: String, attribution: String? = nil) throws(TileLayerError) {
        guard urlTemplate.hasPrefix("http://") || urlTemplate.hasPrefix("https://") else {
            throw .invalid(urlTemplate, "it must start with http:// or https://")
        }
        for placeholder in ["{z}", "{x}", "{y}"] where !urlTemplate.contains(placeholder) {
            throw .invalid(urlTemplate, "it has no \(placeholder) placeholder")
        }
        if let bad = urlTemplate.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value >= 0x7F || "\"'<>\\;,`".unicodeScalars.contains($0) }) {
            throw .invalid(urlTemplate, "it contains the character '\(bad.escaped(asASCII: true))'")
        }
        self.urlTemplate = urlTemplate
        guard !Self.origin(of: urlTemplate).hasSuffix("//") else { throw .invalid(urlTemplate, "it has no host") }
        let given = attribution?.trimmingCharacters(in: .whitespaces) ?? ""
        self.attribution = given.isEmpty ? "Basemap: " + Self.origin(of: urlTemplate) : given
    }

    /// The scheme and host part of the template (`https://tile.example.org:8443`), for the page's
    /// Content-Security-Policy; a `{s}` subdomain placeholder becomes the wildcard `*`.
    public var origin: String { Self.origin(of: urlTemplate) }

    static func origin(of template: String) -> String {
        let schemeEnd = template.range(of: "://")!.upperBound
        let hostEnd = template[schemeEnd...].firstIndex(of: "/") ?? template.endIndex
        return String(template[..<hostEnd]).replacingOccurrences(of: "{s}", with: "*")
    }
}

/// A tile template `serve --tiles` cannot use.
public enum TileLayerError: Error, CustomStringConvertible, Equatable {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let template, let reason): "tile URL '\(template)' is not usable: \(reason); expected e.g. http://127.0.0.1:8081/{z}/{x}/{y}.png"
        }
    }
}

import Foundation
