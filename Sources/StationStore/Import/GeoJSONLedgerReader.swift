import Foundation

/// Turns a GeoJSON FeatureCollection of Points into records. Properties use the CSV column
/// names (English or Chinese); other properties (styling from GIS tools) are ignored.
enum GeoJSONLedgerReader {
    static func records(_ bytes: ArraySlice<UInt8>, file: String, issues: inout IssueCollector) -> [LedgerRecord] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            issues.add(ImportIssue(file: file, location: .file, reason: "not valid JSON (\(error.localizedDescription))"))
            return []
        }
        guard let object = root as? [String: Any], object["type"] as? String == "FeatureCollection",
            let features = object["features"] as? [Any]
        else {
            issues.add(ImportIssue(file: file, location: .file, reason: "expected a GeoJSON FeatureCollection with a features array"))
            return []
        }
        var out: [LedgerRecord] = []
        for (index, item) in features.enumerated() {
            let location = LedgerLocation.feature(index)
            func fail(_ column: String?, _ reason: String) {
                issues.add(ImportIssue(file: file, location: location, column: column, reason: reason))
            }
            guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else {
                fail(nil, "not a GeoJSON Feature")
                continue
            }
            guard let geometry = feature["geometry"] as? [String: Any] else {
                fail("geometry", "missing geometry; expected a Point")
                continue
            }
            guard geometry["type"] as? String == "Point" else {
                fail("geometry", "geometry type \(geometry["type"] as? String ?? "(missing)") is not Point")
                continue
            }
            guard let coordinates = geometry["coordinates"] as? [Any], coordinates.count >= 2,
                let lon = number(coordinates[0]), let lat = number(coordinates[1])
            else {
                fail("geometry", "Point coordinates must be [lon, lat] numbers")
                continue
            }
            var values = [String?](repeating: nil, count: LedgerField.allCases.count)
            var columns = LedgerColumns()
            var ok = true
            for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
                guard let f = LedgerField.named(key), f != .lon, f != .lat else { continue }
                columns.names[f.rawValue] = key
                switch text(value) {
                case .some(let t):
                    let trimmed = t.trimmingWhitespace()
                    values[f.rawValue] = trimmed.isEmpty ? nil : trimmed
                case .none:
                    ok = false
                    fail(key, "expected text, a number or a list of text")
                }
            }
            if let id = feature["id"], values[LedgerField.id.rawValue] == nil, let t = text(id) {
                values[LedgerField.id.rawValue] = t
            }
            values[LedgerField.lon.rawValue] = "\(lon)"
            values[LedgerField.lat.rawValue] = "\(lat)"
            columns.names[LedgerField.lon.rawValue] = "geometry"
            columns.names[LedgerField.lat.rawValue] = "geometry"
            if ok { out.append(LedgerRecord(file: file, location: location, values: values, columns: columns)) }
        }
        return out
    }

    private static func number(_ v: Any) -> Double? {
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        return nil
    }

    /// A property value as ledger text: numbers in full, lists joined with `;`, null as empty.
    private static func text(_ v: Any) -> String? {
        switch v {
        case is NSNull: return ""
        case let s as String: return s
        case let list as [Any]:
            var parts: [String] = []
            for item in list {
                guard let s = item as? String else { return nil }
                parts.append(s)
            }
            return parts.joined(separator: ";")
        default:
            if let i = v as? Int { return String(i) }
            if let d = v as? Double { return "\(d)" }
            return nil
        }
    }
}
