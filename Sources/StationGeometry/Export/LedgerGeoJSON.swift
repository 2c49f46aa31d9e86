import StationCore

/// GeoJSON for the HTTP API's listings: ledger stations as Points and a district's ranked cells.
public enum LedgerGeoJSON {
    /// Stations as an RFC 7946 FeatureCollection of Points with their ledger fields as properties.
    public static func stations(_ stations: [Station]) -> String {
        var writer = GeoJSONWriter()
        for station in stations { writer.addStation(station) }
        return writer.text()
    }

    /// A district's underserved cells, worst first, as a FeatureCollection of Polygons.
    public static func gapCells(_ gaps: DistrictGaps) throws -> String {
        var writer = GeoJSONWriter()
        writer.foreignMembers = [("demand_source", JSONText.string(gaps.demandSource))]
        if let note = gaps.uniformDemandNote { writer.foreignMembers.append(("ranking", JSONText.string(note))) }
        for cell in gaps.cells { try writer.addGapCell(cell) }
        return writer.text()
    }
}

extension GeoJSONWriter {
    /// Adds a station Point with its grade, hours and amenities (and organization for C stations).
    mutating func addStation(_ station: Station) {
        var properties: [(String, PropertyValue)] = [
            ("kind", .string("station")), ("id", .string(station.id)), ("name", .string(station.name)),
            ("district", .string(station.district)), ("grade", .string(station.grade.rawValue)),
            ("host_type", .string(station.hostType.rawValue)), ("status", .string(station.status.rawValue)),
            ("opening_hours", .string(station.openingHours)),
            ("amenities", .strings(station.amenities.map(\.rawValue))),
        ]
        if !station.grade.isPublic { properties.append(("organization", station.organization.map { .string($0) } ?? .null)) }
        addPoint(station.location, properties: properties)
    }

    /// Adds one ranked underserved cell with its distance, demand and score.
    mutating func addGapCell(_ cell: GapCell) throws {
        try addPolygons(cell.outline, properties: [
            ("kind", .string("underserved_cell")), ("district", .string(cell.district)), ("rank", .integer(cell.rank)),
            ("distance_m", cell.distanceM.map { .number($0, decimals: 1) } ?? .null),
            ("demand", .number(cell.demand, decimals: 6)),
            ("uncovered_fraction", .number(cell.uncoveredFraction, decimals: 4)),
            ("score", .number(cell.score, decimals: 6)),
            ("cell_area_km2", .number(cell.cellAreaKm2, decimals: 6)),
        ])
    }
}
