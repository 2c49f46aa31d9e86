import StationCore

/// Where to put the next stations in one district, how much demand they add, and how far the answer
/// can be from the best possible (the `recommend --json` document and `/v1/recommend`).
///
/// Demand is in the demand layer's unit (people for a population raster) or, spread evenly, in km²
/// of area. ``json()`` writes the documented fields, in the documented order, for clients that depend on it.
public struct SiteRecommendation: Sendable {
    /// One recommended site, best first.
    public struct Site: Sendable, Hashable {
        /// 1 = adds the most given no other new site; each later rank adds the most given those before.
        public var rank: Int
        public var lon: Double
        public var lat: Double
        public var id: String
        /// Covered demand this site adds after the sites ranked before it.
        public var addedDemand: Double
        /// `addedDemand` as a share of the district's demand, %.
        public var addedPct: Double
        /// Haversine metres to the nearest eligible existing station (nil: none open at all).
        public var nearestStationM: Double?
    }

    /// Adcode.
    public var district: String
    public var radiusM: Double
    /// Sites recommended: the count asked, or fewer when no further candidate adds demand.
    public var count: Int
    public var demandTotal: Double
    /// Demand the existing eligible stations cover (reached by `minStations` of them).
    public var coveredBefore: Double
    /// Demand covered once the sites are added.
    public var coveredAfter: Double
    /// No choice of `count` candidates can cover more than this (LP relaxation, GLPK).
    public var upperBound: Double
    /// (upper_bound − covered_after) / upper_bound, %: how far from the best the answer may be.
    public var gapPct: Double
    /// "uniform" (spread evenly over area, in km²) or the demand file's name.
    public var demandSource: String
    public var sites: [Site]

    // Not in the JSON document: context for the table output.
    public var districtName: String
    public var districtPinyin: String
    public var minStations: Int
    public var countAsked: Int
    public var candidatesConsidered: Int
    public var demandPoints: Int
    public var swaps: Int
    /// Whether GLPK finished (the bound is valid either way).
    public var boundOptimal: Bool

    /// True when demand is spread evenly over the district (no demand layer).
    public var isUniformDemand: Bool { demandSource == SiteRecommendation.uniformSource }

    public static let uniformSource = "uniform"
}
