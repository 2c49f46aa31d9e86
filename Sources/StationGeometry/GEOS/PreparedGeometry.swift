import CGEOS

/// A GEOS prepared geometry for fast repeated predicates (e.g. point-in-polygon); keeps its base alive.
public final class PreparedGeometry {
    let pointer: OpaquePointer
    /// The geometry it was prepared from; GEOS requires it to outlive the prepared one.
    public let base: Geometry

    init(owning pointer: OpaquePointer, base: Geometry) {
        self.pointer = pointer
        self.base = base
    }

    deinit {
        GEOSPreparedGeom_destroy_r(base.context.handle, pointer)
    }

    public func contains(_ other: Geometry) throws(GEOSError) -> Bool {
        try base.context.predicate("prepared contains") { GEOSPreparedContains_r($0, pointer, other.pointer) }
    }

    public func covers(_ other: Geometry) throws(GEOSError) -> Bool {
        try base.context.predicate("prepared covers") { GEOSPreparedCovers_r($0, pointer, other.pointer) }
    }

    public func intersects(_ other: Geometry) throws(GEOSError) -> Bool {
        try base.context.predicate("prepared intersects") { GEOSPreparedIntersects_r($0, pointer, other.pointer) }
    }

    /// True when `other` comes within `distance` of this geometry (GEOSPreparedDistanceWithin).
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws(GEOSError) -> Bool {
        try base.context.predicate("prepared distance within") { GEOSPreparedDistanceWithin_r($0, pointer, other.pointer, distance) }
    }

    /// True when the point (x, y) lies inside or on the boundary.
    public func covers(_ point: PlanarPoint) throws(GEOSError) -> Bool {
        let p = try Geometry.point(point, in: base.context)
        return try covers(p)
    }
}
