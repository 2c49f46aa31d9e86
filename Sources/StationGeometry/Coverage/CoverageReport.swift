/// A coverage answer as people read it: a row per district, a city-wide total when every district
/// was asked for, and what the figures were computed for.
public struct CoverageReport: Sendable {
    public var echo: CoverageEcho
    public var rows: [DistrictCoverage]
    /// The sum over all districts (nil when only some were asked for).
    public var total: DistrictCoverage?

    /// `rows` with a total when they are every district of the map.
    public init(rows: [DistrictCoverage], options: CoverageOptions, allDistricts: Bool) {
        echo = CoverageEcho(options)
        self.rows = rows
        total = allDistricts ? DistrictCoverage(totalOf: rows) : nil
    }

    /// Rows then the total, each carrying the echo's fields: the JSON both the CLI and the API print.
    public var jsonRows: [Row] {
        (rows + (total.map { [$0] } ?? [])).map { Row(coverage: $0, echo: echo) }
    }

    /// One JSON row: the district's figures plus `at`, `any_time`, `radius_m`, `include_members_only`.
    public struct Row: Sendable, Encodable {
        public var coverage: DistrictCoverage
        public var echo: CoverageEcho

        public func encode(to encoder: any Encoder) throws {
            try coverage.encode(to: encoder)
            try echo.encode(to: encoder)
        }
    }
}

extension DistrictCoverage {
    /// The adcode the city-wide total row carries (Beijing's own).
    public static let cityAdcode = "110000"

    /// The city-wide row: areas, stations and populations summed; percentages of the sums.
    init(totalOf rows: [DistrictCoverage]) {
        district = Self.cityAdcode
        name = "北京市"
        pinyin = "Beijing"
        areaKm2 = rows.reduce(0) { $0 + $1.areaKm2 }
        coveredKm2 = rows.reduce(0) { $0 + $1.coveredKm2 }
        coveragePct = areaKm2 > 0 ? coveredKm2 / areaKm2 * 100 : 0
        stations = rows.reduce(0) { $0 + $1.stations }
        stationsPerKm2 = areaKm2 > 0 ? Double(stations) / areaKm2 : 0
        let known = rows.allSatisfy { $0.population != nil && $0.coveredPopulation != nil }
        population = known ? rows.reduce(0) { $0 + ($1.population ?? 0) } : nil
        coveredPopulation = known ? rows.reduce(0) { $0 + ($1.coveredPopulation ?? 0) } : nil
        populationWeightedCoveragePct = population.flatMap { p in
            p > 0 ? coveredPopulation.map { $0 / Double(p) * 100 } : nil
        }
        minStations = rows.first?.minStations ?? 1
        demandSource = rows.first?.demandSource ?? "uniform"
    }
}
