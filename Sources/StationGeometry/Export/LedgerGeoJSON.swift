import StationCore
import StationWire

/// GeoJSON for the HTTP API's listings: ledger stations as Points and a district's ranked cells.
public enum LedgerGeoJSON {
    /// Stations as an RFC 7946 FeatureCollection of Points with their ledger fields as properties.
    public static func stations(_ stations: [Station]) -> String {
        var writer = GeoJSONWriter()
        for station in stations { writer.addStation(station) }
        return writer.text()
    }

    /// A district's underserved cells, worst first, as a FeatureCollection of Polygons.
    /// Each cell carries the time, radius and members-only choice it was ranked for.
    public static func gapCells(_ gaps: DistrictGaps, options: CoverageOptions) throws -> String {
        var writer = GeoJSONWriter()
        let echo = CoverageEcho(options).properties
        writer.foreignMembers = [("demand_source", .string(gaps.demandSource))]
        if let note = gaps.uniformDemandNote { writer.foreignMembers.append(("ranking", .string(note))) }
        for cell in gaps.cells { try writer.addGapCell(cell, echo: echo) }
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
    mutating func addGapCell(_ cell: GapCell, echo: [(String, PropertyValue)]) throws {
        try addPolygons(cell.outline, properties: [
            ("kind", .string("underserved_cell")), ("district", .string(cell.district)), ("rank", .integer(cell.rank)),
            ("distance_m", cell.distanceM.map { .number($0, decimals: 1) } ?? .null),
            ("demand", .number(cell.demand, decimals: 6)),
            ("uncovered_fraction", .number(cell.uncoveredFraction, decimals: 4)),
            ("score", .number(cell.score, decimals: 6)),
            ("cell_area_km2", .number(cell.cellAreaKm2, decimals: 6)),
        ] + echo)
    }
}

extension LedgerGeoJSON {
    /// Districts as polygons with their coverage figures and what they were computed for
    /// (`/v1/coverage?format=geojson`); the city-wide total has no outline of its own, so it is left out.
    public static func coverage(_ report: CoverageReport, shapes: [DistrictShape]) throws -> String {
        var writer = GeoJSONWriter()
        let byAdcode = Dictionary(shapes.map { ($0.name.adcode, $0) }, uniquingKeysWith: { a, _ in a })
        for row in report.rows {
            guard let shape = byAdcode[row.district] else { continue }
            try writer.addPolygons(shape.polygons, properties: districtProperties(row) + report.echo.properties)
        }
        return writer.text()
    }

    /// A district's coverage figures as GeoJSON properties.
    static func districtProperties(_ c: DistrictCoverage) -> [(String, PropertyValue)] {
        [
            ("kind", .string("district")), ("district", .string(c.district)), ("name", .string(c.name)),
            ("pinyin", .string(c.pinyin)),
            ("area_km2", .number(c.areaKm2, decimals: 4)), ("covered_km2", .number(c.coveredKm2, decimals: 4)),
            ("coverage_pct", .number(c.coveragePct, decimals: 3)), ("stations", .integer(c.stations)),
            ("stations_per_km2", .number(c.stationsPerKm2, decimals: 4)),
            ("population", c.population.map { .integer($0) } ?? .null),
            ("covered_population", c.coveredPopulation.map { .number($0, decimals: 0) } ?? .null),
            ("population_weighted_coverage_pct", c.populationWeightedCoveragePct.map { .number($0, decimals: 3) } ?? .null),
        ]
    }
}
