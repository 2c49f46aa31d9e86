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
    /// Stations a place needed within the radius to count as covered (2: cross-coverage).
    public var minStations: Int = 1
    /// "uniform" (the census spread evenly within the district) or the demand layer's file name.
    public var demandSource: String = "uniform"

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
        case minStations = "min_stations"
        case demandSource = "demand_source"
    }

    /// Replaces the evenly spread census by a demand layer's figures inside the district.
    mutating func useDemand(source: String, total: Double, covered: Double) {
        demandSource = source
        population = Int(total.rounded())
        coveredPopulation = covered
        populationWeightedCoveragePct = total > 0 ? covered / total * 100 : 0
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
