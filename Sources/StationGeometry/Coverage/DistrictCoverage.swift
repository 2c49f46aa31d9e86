/// Coverage figures for one district (the `coverage --json` row and the export's properties).
public struct DistrictCoverage: Sendable, Codable, Hashable {
    /// Adcode.
    public var district: String
    public var name: String
    public var pinyin: String
    public var areaKm2: Double
    public var coveredKm2: Double
    public var coveragePct: Double
    /// Eligible stations located inside the district.
    public var stations: Int
    public var stationsPerKm2: Double
    /// Census population (nil when not given).
    public var population: Int?
    /// Population inside the covered area, spreading the population evenly over the district.
    public var coveredPopulation: Double?
    /// Share of the population covered; equals `coveragePct` while population is spread evenly.
    public var populationWeightedCoveragePct: Double?

    enum CodingKeys: String, CodingKey {
        case district, name, pinyin
        case areaKm2 = "area_km2"
        case coveredKm2 = "covered_km2"
        case coveragePct = "coverage_pct"
        case stations
        case stationsPerKm2 = "stations_per_km2"
        case population
        case coveredPopulation = "covered_population"
        case populationWeightedCoveragePct = "population_weighted_coverage_pct"
    }

    init(shape: DistrictShape, areaSquareMetres: Double, coveredSquareMetres: Double, stations: Int, population: Int?) {
        district = shape.name.adcode
        name = shape.name.name
        pinyin = shape.name.pinyin
        areaKm2 = areaSquareMetres / 1e6
        coveredKm2 = coveredSquareMetres / 1e6
        let fraction = areaSquareMetres > 0 ? coveredSquareMetres / areaSquareMetres : 0
        coveragePct = fraction * 100
        self.stations = stations
        stationsPerKm2 = areaKm2 > 0 ? Double(stations) / areaKm2 : 0
        self.population = population
        coveredPopulation = population.map { Double($0) * fraction }
        populationWeightedCoveragePct = population.map { _ in fraction * 100 }
    }
}
