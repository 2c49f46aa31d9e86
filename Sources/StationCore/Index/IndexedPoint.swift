/// The per-station values a nearest-neighbour filter needs, packed so the search never touches
/// a ``Station`` while it scans (11 bytes of payload).
public struct StationAttributes: Hashable, Sendable {
    /// Identifies the station's organization among the catalog's organizations (`0`: none).
    public var organizationID: UInt32
    /// Index of the station's compiled opening hours in the catalog's shared table.
    public var hoursID: UInt32
    /// The station's amenities as an ``AmenitySet`` bit mask (14 amenities fit in 16 bits).
    public var amenityBits: UInt16
    /// `1 << grade ordinal` (A = 1, B = 2, C = 4), so a grade filter is one AND.
    public var gradeBit: UInt8

    public init(organizationID: UInt32, hoursID: UInt32, amenityBits: UInt16, gradeBit: UInt8) {
        self.organizationID = organizationID
        self.hoursID = hoursID
        self.amenityBits = amenityBits
        self.gradeBit = gradeBit
    }

    /// The grade whose bit ``gradeBit`` is.
    @inlinable
    public var grade: Grade {
        switch gradeBit {
        case 1: return .A
        case 2: return .B
        default: return .C
        }
    }

    /// The bit of a grade in ``gradeBit`` and in grade masks.
    @inlinable
    public static func bit(of grade: Grade) -> UInt8 {
        switch grade {
        case .A: return 1
        case .B: return 2
        case .C: return 4
        }
    }
}

/// One point while the kd-tree is built: its unit vector in single precision, its attributes and (at
/// the median of an inner node) the axis that node splits on. The built tree keeps the same fields one
/// array per field (``IndexStorage``).
struct IndexedPoint: Sendable {
    var x: Float
    var y: Float
    var z: Float
    var attributes: StationAttributes
    /// 0, 1 or 2 (x, y, z) when this point is the median of an inner node; meaningless otherwise.
    @usableFromInline var splitAxis: UInt8

    @inlinable
    func coordinate(_ axis: Int) -> Float {
        switch axis {
        case 0: return x
        case 1: return y
        default: return z
        }
    }
}
