/// A station's grade (seed 000): A and B are public; C stations sit inside one employer and
/// admit that organization's members only.
public enum Grade: String, CaseIterable, Sendable, Codable, Comparable {
    case A, B, C

    /// True for grades that anyone may enter.
    public var isPublic: Bool { self != .C }

    public static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }
}

/// The kind of place that hosts a station.
public enum HostType: String, CaseIterable, Sendable, Codable {
    case bank, convenience_store, gas_station, union_office, community_centre, shop,
        restaurant, employer, other
}

/// Whether a station is in service. Only active stations are indexed for workers.
public enum StationStatus: String, CaseIterable, Sendable, Codable {
    case active, suspended, closed
}

/// The fixed vocabulary of services a station offers (from the seed reports' lists).
///
/// The raw values are the ledger's spelling; the index keeps a set of them as a bit mask.
public enum Amenity: String, CaseIterable, Sendable, Codable, Comparable {
    case drinking_water, hot_water, seating, toilet, heating, air_conditioning, microwave,
        phone_charging, ebike_charging, wifi, first_aid, reading, storage, nursing_room

    /// This amenity's position in ``allCases`` (a switch: `allCases` is built anew on every call).
    public var ordinal: Int {
        switch self {
        case .drinking_water: 0
        case .hot_water: 1
        case .seating: 2
        case .toilet: 3
        case .heating: 4
        case .air_conditioning: 5
        case .microwave: 6
        case .phone_charging: 7
        case .ebike_charging: 8
        case .wifi: 9
        case .first_aid: 10
        case .reading: 11
        case .storage: 12
        case .nursing_room: 13
        }
    }

    /// This amenity's bit in an ``AmenitySet``.
    public var bit: UInt32 { 1 << UInt32(ordinal) }

    public static func < (a: Amenity, b: Amenity) -> Bool { a.ordinal < b.ordinal }

    /// The list of valid names, for error messages.
    public static var vocabularyList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A set of amenities packed in 32 bits, so a filter is one AND per candidate.
public struct AmenitySet: Hashable, Sendable, Codable, Sequence {
    public var bits: UInt32

    public init(bits: UInt32 = 0) { self.bits = bits }
    public init<S: Sequence>(_ amenities: S) where S.Element == Amenity {
        bits = amenities.reduce(0) { $0 | $1.bit }
    }

    public func contains(_ a: Amenity) -> Bool { bits & a.bit != 0 }
    /// True when every amenity of `required` is in this set.
    @inlinable public func isSuperset(of required: AmenitySet) -> Bool {
        bits & required.bits == required.bits
    }
    public mutating func insert(_ a: Amenity) { bits |= a.bit }

    public func makeIterator() -> IndexingIterator<[Amenity]> {
        Amenity.allCases.filter { contains($0) }.makeIterator()
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Array(self).map(\.rawValue))
    }

    public init(from decoder: Decoder) throws {
        let names = try decoder.singleValueContainer().decode([String].self)
        var set = AmenitySet()
        for n in names {
            guard let a = Amenity(rawValue: n) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "unknown amenity '\(n)'; known: \(Amenity.vocabularyList)"))
            }
            set.insert(a)
        }
        self = set
    }
}
