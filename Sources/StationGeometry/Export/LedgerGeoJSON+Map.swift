import Foundation
import StationCore
import StationWire

extension LedgerGeoJSON {
    /// Decimals of the compact stations layer's coordinates: 1e-5 degree is about 1 m in Beijing.
    public static let compactDecimals = 5

    /// The map's compact stations layer: one MultiPoint feature per grade and drawn state, its
    /// `ids` property listing the stations in the order of its coordinates. About a tenth of the
    /// size of ``stations(_:)`` (no names, hours or amenities; those come with a station's own record).
    ///
    /// - Parameter states: each station with the state it is drawn with; groups come out in grade
    ///   order (A, B, C), then state order (open, closed, unknown, inactive), empty groups left out.
    /// - Parameter time: the time the states are for, echoed in every feature (`at` or "any_time").
    public static func compactStations(_ states: [(station: Station, state: StationDrawState)], time: String) -> String {
        var writer = GeoJSONWriter()
        for grade in Grade.allCases {
            for state in StationDrawState.allCases {
                let group = states.filter { $0.station.grade == grade && $0.state == state }
                guard !group.isEmpty else { continue }
                writer.addMultiPoint(group.map(\.station.location), decimals: compactDecimals, properties: [
                    ("kind", .string("stations")), ("grade", .string(grade.rawValue)), ("state", .string(state.rawValue)),
                    ("time", .string(time)), ("count", .integer(group.count)),
                    ("ids", .strings(group.map(\.station.id))),
                ])
            }
        }
        return writer.text()
    }

    /// District outlines with their names, census population and area, for drawing the districts
    /// before (and apart from) their coverage figures.
    public static func districtOutlines(_ shapes: [DistrictShape], population: [String: Int]) throws -> String {
        var writer = GeoJSONWriter()
        for shape in shapes {
            try writer.addPolygons(shape.polygons, properties: [
                ("kind", .string("district")), ("district", .string(shape.name.adcode)), ("name", .string(shape.name.name)),
                ("pinyin", .string(shape.name.pinyin)),
                ("population", population[shape.name.adcode].map { .integer($0) } ?? .null),
                ("area_km2", .number(try shape.areaKm2(), decimals: 2)),
            ])
        }
        return writer.text()
    }
}

extension LedgerGeoJSON {
    /// Writes the map's two layers into `directory`, each atomically: `districts.geojson` (outlines)
    /// and `stations-compact.geojson` (the compact stations layer). Returns the two files.
    public static func writeMapLayers(
        to directory: URL, districts: [DistrictShape], population: [String: Int],
        states: [(station: Station, state: StationDrawState)], time: CoverageTime
    ) throws -> [URL] {
        let outlines = directory.appendingPathComponent("districts.geojson")
        let stations = directory.appendingPathComponent("stations-compact.geojson")
        try AtomicFile.write(Data(try districtOutlines(districts, population: population).utf8), to: outlines)
        try AtomicFile.write(Data(compactStations(states, time: time.label).utf8), to: stations)
        return [outlines, stations]
    }
}

extension CoverageTime {
    /// The time as the map's layers echo it: the local `YYYY-MM-DDTHH:MM`, `any_time:` and the
    /// week's local start, or `ignoring_hours`.
    public var label: String {
        switch self {
        case .at(let t): HoursTimeZone.shanghai.local(epochSeconds: t).isoString
        case .anyTimeInWeek(let start): "any_time:" + HoursTimeZone.shanghai.local(epochSeconds: start).isoString
        case .ignoringHours: "ignoring_hours"
        }
    }
}
