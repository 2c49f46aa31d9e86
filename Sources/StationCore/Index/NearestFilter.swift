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

/// What a nearest-neighbour search asks of its caller while it runs.
///
/// The search applies the filter as it goes (geokdbush style) instead of fetching many neighbours and
/// filtering afterwards. ``screen(_:key:)`` runs on every station of every leaf the search opens, with
/// the station's key (the squared chord from the query point, from single-precision vectors), before
/// any trigonometry; a filter that can decide from the key alone (e.g. "closed for the next hour, and
/// nothing this close takes an hour to reach") saves the exact test. ``accepts(source:attributes:distanceMetres:)``
/// runs only for screened-in stations that could still make the answer, in key order, with the haversine
/// distance.
public protocol NearestFilter {
    /// The attributes-only part of ``screen(_:key:)`` as 1 or 0: 0 only for stations it would reject
    /// whatever the key. The search runs it on every station of a leaf, so a filter should compute it
    /// with arithmetic rather than branches (see ``NearestSearch/scanLeaf(_:_:)``).
    func admissionBit(_ attributes: StationAttributes) -> UInt
    /// A cheap verdict from packed attributes and the key. The key is within
    /// ``UnitSphere/storageToleranceChord`` of the true chord once square-rooted: a verdict that depends on
    /// distance must allow for that (see ``UnitSphere/keyBelow(distanceMetres:)``).
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
}

/// 1 when `x` is not zero, else 0, by arithmetic (`x` below 2^63): adding 2^63 - 1 carries into the top
/// bit exactly when `x >= 1`. For conditions a branch predictor would lose (see ``NearestFilter/admissionBit(_:)``).
@inline(__always)
func nonzeroBit(_ x: UInt) -> UInt { (x &+ 0x7FFF_FFFF_FFFF_FFFF) >> 63 }

/// No filter at all: every station qualifies, ties ordered by the caller's index. For the plain
/// k-nearest query (and for comparing the bare tree with general-purpose kd-trees).
struct Unfiltered: NearestFilter {
    @inline(__always)
    func admissionBit(_ attributes: StationAttributes) -> UInt { 1 }
    @inline(__always)
    func screen(_ attributes: StationAttributes, key: Double) -> Screening { .accept }
    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool { true }
    @inline(__always)
    func precedes(source a: Int, source b: Int) -> Bool { a < b }
}
