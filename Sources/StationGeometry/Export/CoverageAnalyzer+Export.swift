import Foundation
import StationCore
import StationWire

/// What one district contributes to a coverage map (plain values, built in a worker's own context).
public struct DistrictMapLayers: Sendable {
    public var coverage: DistrictCoverage
    /// District minus covered area, WGS-84.
    public var uncovered: [GeoPolygon]
    public var uncoveredKm2: Double
    public var cells: [GapCell]
}

extension CoverageAnalyzer {
    /// Coverage, uncovered area and worst cells for each district (all when nil), in parallel.
    public func mapLayers(of shapes: [DistrictShape]? = nil, options: GapOptions,
                          progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [DistrictMapLayers] {
        try options.validate()
        let shapes = shapes ?? districts
        let eligible = eligibility(options.coverage)
        let eligibleLocations = zip(stations, eligible).filter(\.1).map(\.0.location)
        return try Parallel.map(shapes.count, progress: progress) { i in
            let shape = shapes[i]
            let workspace = try DistrictWorkspace(shape: shape, context: GEOSContext())
            let covered = try coveredGeometry(workspace, options: options.coverage, eligible: eligible)
            let coveredArea = try covered.geometry.area()
            let coverage = try DistrictCoverage(shape: shape, areaSquareMetres: workspace.areaSquareMetres,
                                                coveredSquareMetres: coveredArea,
                                                stations: workspace.countInside(covered.points),
                                                population: population[shape.name.adcode])
            let uncovered = try workspace.geometry.difference(covered.geometry)
            let uncoveredPolygons = try uncovered.polygons().map { GeoPolygonProjection.inverse($0, workspace.projection) }
            let cells = try GapFinder(workspace: workspace, covered: covered.geometry, options: options,
                                      eligible: eligibleLocations).rank().cells
            return DistrictMapLayers(coverage: coverage, uncovered: uncoveredPolygons,
                                     uncoveredKm2: try uncovered.area() / 1e6, cells: cells)
        }
    }

    /// The coverage map as RFC 7946 GeoJSON text: district outlines with their figures, uncovered
    /// areas, the worst cells, and the eligible ledger stations of those districts (members-only
    /// ones only when the options include them).
    public func coverageMapGeoJSON(of shapes: [DistrictShape]? = nil, options: GapOptions, ledger: [Station],
                                   progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> String {
        let shapes = shapes ?? districts
        let layers = try mapLayers(of: shapes, options: options, progress: progress)
        var writer = GeoJSONWriter()
        let radius = PropertyValue.number(options.coverage.radiusMetres, decimals: 3)
        let echo = CoverageEcho(options.coverage).properties.filter { $0.0 != "radius_m" }
        for (shape, layer) in zip(shapes, layers) {
            let c = layer.coverage
            try writer.addPolygons(shape.polygons, properties: LedgerGeoJSON.districtProperties(c) + [("radius_m", radius)] + echo)
            try writer.addPolygons(layer.uncovered, properties: [
                ("kind", .string("uncovered")), ("district", .string(c.district)), ("radius_m", radius),
                ("uncovered_km2", .number(layer.uncoveredKm2, decimals: 4)),
            ] + echo)
            for cell in layer.cells { try writer.addGapCell(cell, echo: echo) }
        }
        let selected = Set(shapes.map(\.name.adcode))
        let byID = Dictionary(stations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for station in ledger where selected.contains(station.district) {
            guard let coverageStation = byID[station.id], options.coverage.isEligible(coverageStation) else { continue }
            writer.addStation(station)
        }
        return writer.text()
    }

    /// Writes the coverage map atomically (temporary file in the same directory, then rename).
    public func writeCoverageMap(to url: URL, of shapes: [DistrictShape]? = nil, options: GapOptions, ledger: [Station],
                                 progress: (@Sendable (Int, Int) -> Void)? = nil) throws {
        let text = try coverageMapGeoJSON(of: shapes, options: options, ledger: ledger, progress: progress)
        try AtomicFile.write(Data(text.utf8), to: url)
    }

    /// Writes one district's ranked cells as a GeoJSON FeatureCollection (atomically).
    public func writeGapCells(to url: URL, of shape: DistrictShape, options: GapOptions) throws {
        let text = try LedgerGeoJSON.gapCells(try gaps(in: shape, options: options), options: options.coverage)
        try AtomicFile.write(Data(text.utf8), to: url)
    }
}
