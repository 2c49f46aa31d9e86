/// What a filter can tell about a station before its exact distance is known.
public enum Screening: Sendable {
    /// The station never qualifies (wrong amenities, grade or access; or closed whatever the distance).
    case reject
    /// The station qualifies whatever its exact distance (e.g. open on arrival for any arrival the
    /// key allows): the search measures it only to place it.
    case accept
    /// The verdict needs the exact distance: ``NearestFilter/accepts(source:attributes:distanceMetres:)``.
    case measure
}

/// The attribute test every station must pass before anything else: all the required amenities, one of
/// the allowed grades, and for members-only grades the member's organization. Data rather than code, so
/// the index can test four stations at once (``NearestSearch/scanLeaf(_:_:after:)``).
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
}

/// What a nearest-neighbour search asks of its caller while it runs.
///
/// The search applies the filter as it goes (geokdbush style) instead of fetching many neighbours and
/// filtering afterwards. ``admission`` is tested on every station of every leaf the search opens;
/// ``screen(_:key:)`` runs on the admitted ones within reach, with the station's key (the squared chord
/// from the query point, from single-precision vectors), before any trigonometry: a filter that can
/// decide from the key alone (e.g. "closed for the next hour, and nothing this close takes an hour to
/// reach") saves the exact test. ``accepts(source:attributes:distanceMetres:)`` runs only for stations
/// screened as ``Screening/measure`` that are still within reach when found, with the haversine distance.
public protocol NearestFilter {
    /// Amenities, grades and access: stations failing it are never screened.
    var admission: AdmissionRule { get }
    /// A cheap verdict, from packed attributes and the key, for a station that passed ``admission``. The
    /// key is within ``UnitSphere/storageToleranceChord`` of the true chord once square-rooted: a verdict
    /// that depends on distance must allow for that (see ``UnitSphere/keyBelow(distanceMetres:)``).
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
    /// Initial bearing from the query point, degrees clockwise from north in [0, 360)
    /// (``HaversineTerms/bearingDegrees``).
    public var bearingDegrees: Double
    public var attributes: StationAttributes
    /// The station's exact WGS-84 position (``IndexEntry/lonLat``).
    public var lonLat: LonLat
}

/// No filter at all: every station qualifies, ties ordered by the caller's index. For the plain
/// k-nearest query (and for comparing the bare tree with general-purpose kd-trees).
struct Unfiltered: NearestFilter {
    var admission: AdmissionRule { .everything }
    @inline(__always)
    func screen(_ attributes: StationAttributes, key: Double) -> Screening { .accept }
    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool { true }
    @inline(__always)
    func precedes(source a: Int, source b: Int) -> Bool { a < b }
}
