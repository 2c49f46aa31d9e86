/// What a filter can tell about a station before its exact distance is known.
public enum Screening: Sendable {
    /// The station never qualifies (closed whatever the distance).
    case reject
    /// The station qualifies whatever its exact distance: the search measures it only to place it.
    case accept
    /// The verdict needs the exact distance: ``NearestFilter/accepts(source:attributes:distanceMetres:)``.
    case measure
}

/// The attribute test every station must pass before anything else: all the required amenities, one of
/// the allowed grades, and for members-only grades the member's organization. Data rather than code, so
/// the index can test four stations at once.
public struct AdmissionRule: Sendable, Equatable {
    /// Amenity bits (``AmenitySet``) a station must all have.
    public var requiredAmenityBits: UInt16
    /// Grade bits (``StationAttributes/bit(of:)``) a station may have.
    public var gradeMask: UInt8
    /// Grade bits whose stations are admitted only with ``memberOrganizationID``.
    public var membersOnlyGradeMask: UInt8
    /// The organization whose members-only stations are admitted; a value no station carries for none.
    public var memberOrganizationID: UInt32

    public init(requiredAmenityBits: UInt16, gradeMask: UInt8, membersOnlyGradeMask: UInt8, memberOrganizationID: UInt32) {
        self.requiredAmenityBits = requiredAmenityBits
        self.gradeMask = gradeMask
        self.membersOnlyGradeMask = membersOnlyGradeMask
        self.memberOrganizationID = memberOrganizationID
    }

    /// Every station.
    public static let everything = AdmissionRule(
        requiredAmenityBits: 0, gradeMask: 0xFF, membersOnlyGradeMask: 0, memberOrganizationID: .max)

    /// Whether a station with this packed word (``IndexStorage/words``) and organization is let in.
    func admits(word: UInt32, organization: UInt32) -> Bool {
        let required = UInt32(requiredAmenityBits)
        return word & required == required && (word >> 16) & UInt32(gradeMask) != 0
            && ((word >> 16) & UInt32(membersOnlyGradeMask) == 0 || organization == memberOrganizationID)
    }
}

/// What a nearest-neighbour search asks of its caller while it runs (geokdbush's predicate).
///
/// ``admission`` is tested on every station of every leaf the search opens; ``screen(_:key:)`` on the
/// admitted ones within reach, with the station's key (squared chord from the query, from
/// single-precision vectors), before any trigonometry; ``accepts(source:attributes:distanceMetres:)``
/// only for stations screened as ``Screening/measure``, with the haversine distance.
public protocol NearestFilter {
    /// Amenities, grades and access: stations failing it are never screened.
    var admission: AdmissionRule { get }
    /// A cheap verdict from packed attributes and the key. The key is within
    /// ``SearchKey/storageToleranceChord`` of the true chord once square-rooted: a verdict that depends on
    /// distance must allow for that (``SearchKey/below(distanceMetres:)``).
    mutating func screen(_ attributes: StationAttributes, key: Double) -> Screening
    /// The exact test for a station screened as ``Screening/measure``, given its haversine distance in metres.
    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool
    /// Orders two stations at exactly the same distance (e.g. by station id).
    func precedes(source a: Int, source b: Int) -> Bool
}

/// One station found by ``StationIndex/nearest(to:limit:maxDistanceMetres:filter:)``.
public struct IndexHit: Hashable, Sendable {
    /// The caller's index given in ``IndexEntry/source``.
    public var source: Int
    /// Haversine distance in metres on the mean Earth radius (``Earth/distanceMetres(_:_:)``).
    public var distanceMetres: Double
    /// Initial bearing from the query point, degrees clockwise from north in [0, 360).
    public var bearingDegrees: Double
    public var attributes: StationAttributes
    /// The station's exact WGS-84 position (``IndexEntry/lonLat``).
    public var lonLat: LonLat
}

/// No filter at all: every station qualifies, ties ordered by the caller's index.
struct Unfiltered: NearestFilter {
    var admission: AdmissionRule { .everything }
    func screen(_ attributes: StationAttributes, key: Double) -> Screening { .accept }
    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool { true }
    func precedes(source a: Int, source b: Int) -> Bool { a < b }
}

/// Keys (squared chords on the unit sphere) for distances, and how far single-precision storage lets a
/// key stray.
public enum SearchKey {
    /// How far (chord, unit sphere) a stored single-precision vector may sit from the exact point: each
    /// component rounds by at most 2^-25, so the vector moves by at most sqrt(3) * 2^-25 = 5.2e-8; 2e-7
    /// (about 1.3 m on the ground) covers that, the query vector's rounding and the haversine's.
    public static let storageToleranceChord = 2e-7

    /// A stored station at most `distanceMetres` away (haversine) has a key at most this. The angle
    /// bounds the chord (2 sin(x / 2) <= x).
    public static func above(distanceMetres d: Double) -> Double {
        let c = min(2, max(0, d) / Earth.meanRadiusMetres) + storageToleranceChord
        return c * c
    }

    /// A stored station with a key below this is certainly closer than `distanceMetres` (haversine);
    /// zero when the distance is within the tolerances.
    public static func below(distanceMetres d: Double) -> Double {
        guard d > 0 else { return 0 }
        guard d.isFinite else { return .infinity }
        // Two tolerances: one for the stored vector, one for rounding between chord and haversine.
        let c = Earth.chord(forDistanceMetres: d) - 2 * storageToleranceChord
        return c > 0 ? c * c : 0
    }
}
