/// One rest station as the ledger (台账) records it. Coordinates are WGS-84.
public struct Station: Hashable, Sendable, Codable, Identifiable {
    /// Stable text id from the ledger.
    public var id: String
    public var name: String
    /// WGS-84 longitude, degrees.
    public var lon: Double
    /// WGS-84 latitude, degrees.
    public var lat: Double
    public var address: String?
    /// District adcode (110101...110119), derived from the point when the ledger leaves it out.
    public var district: String
    public var grade: Grade
    /// Host or owning unit; required for grade C, whose doors open to its members only.
    public var organization: String?
    public var hostType: HostType
    /// OSM `opening_hours` text, stored as given (validated on import).
    public var openingHours: String
    public var amenities: AmenitySet
    public var phone: String?
    public var status: StationStatus
    /// Star rating, 0 to 5.
    public var rating: Int?
    /// Date of the last inspection, `YYYY-MM-DD`.
    public var lastInspected: String?

    public init(
        id: String, name: String, lon: Double, lat: Double, address: String? = nil,
        district: String, grade: Grade, organization: String? = nil, hostType: HostType = .other,
        openingHours: String, amenities: AmenitySet = AmenitySet(), phone: String? = nil,
        status: StationStatus = .active, rating: Int? = nil, lastInspected: String? = nil
    ) {
        self.id = id
        self.name = name
        self.lon = lon
        self.lat = lat
        self.address = address
        self.district = district
        self.grade = grade
        self.organization = organization
        self.hostType = hostType
        self.openingHours = openingHours
        self.amenities = amenities
        self.phone = phone
        self.status = status
        self.rating = rating
        self.lastInspected = lastInspected
    }

    public var location: LonLat { LonLat(lon: lon, lat: lat) }

    /// Whether a caller who belongs to `memberOrganization` (nil: nobody's member) may enter.
    public func admits(memberOrganization: String?) -> Bool {
        grade.isPublic || (memberOrganization != nil && memberOrganization == organization)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, lon, lat, address, district, grade, organization
        case hostType = "host_type"
        case openingHours = "opening_hours"
        case amenities, phone, status, rating
        case lastInspected = "last_inspected"
    }
}
