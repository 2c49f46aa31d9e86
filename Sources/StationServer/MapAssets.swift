import Foundation

/// The map page's own HTML, CSS and JavaScript, bundled as resources under `Resources/map`
/// and read once.
enum MapAssets {
    /// File name to contents, for every file of `Resources/map`.
    static let files: [String: Data] = {
        guard let directory = Bundle.module.url(forResource: "map", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "map", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [:] }
        var files: [String: Data] = [:]
        for name in names {
            if let data = try? Data(contentsOf: directory.appendingPathComponent(name)) { files[name] = data }
        }
        return files
    }()

    /// The page, with the basemap's template and attribution put into the map element's data
    /// attributes (HTML-escaped; empty without a basemap).
    static func page(tiles: TileLayer?) -> String? {
        guard let data = files["index.html"], let template = String(data: data, encoding: .utf8) else { return nil }
        return template
            .replacingOccurrences(of: "{{TILES_URL}}", with: htmlEscaped(tiles?.urlTemplate ?? ""))
            .replacingOccurrences(of: "{{TILES_ATTRIBUTION}}", with: htmlEscaped(tiles?.attribution ?? ""))
    }

    /// Text made safe inside a double-quoted HTML attribute.
    static func htmlEscaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The Content-Type of a served file, from its extension.
    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "png": "image/png"
        case "svg": "image/svg+xml"
        case "map", "json": "application/json"
        default: "application/octet-stream"
        }
    }

    /// True for a plain file name (letters, digits, `.`, `_`, `-`, not starting with `.`): the only
    /// names the map's file routes look up, so a request cannot climb out of their directories.
    static func isPlainFileName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "." else { return false }
        return name.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "." || c == "_" || c == "-"
        }
    }
}
