import CGEOS

/// One GEOS geometry owned by Swift: freed in `deinit`, tied to the ``GEOSContext`` that made it.
///
/// Not `Sendable`: it must stay on the thread or task that owns its context.
public final class Geometry {
    /// The GEOSGeometry*; never leaves the module.
    let pointer: OpaquePointer
    public let context: GEOSContext
    /// False once ownership passed to another GEOS object (e.g. a collection).
    private var ownsPointer = true

    init(owning pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit {
        if ownsPointer { GEOSGeom_destroy_r(context.handle, pointer) }
    }

    /// Hands the pointer to a GEOS call that takes ownership (the Swift object stops freeing it).
    func releaseOwnership() -> OpaquePointer {
        precondition(ownsPointer, "geometry ownership already transferred")
        ownsPointer = false
        return pointer
    }

    // MARK: Construction

    /// Parses Well-Known Text; bad text becomes a ``GEOSError`` with GEOS's parser message.
    public convenience init(wkt: String, context: GEOSContext) throws(GEOSError) {
        guard let reader = GEOSWKTReader_create_r(context.handle) else {
            throw context.error("creating WKT reader")
        }
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        context.clearMessages()
        guard let pointer = wkt.withCString({ GEOSWKTReader_read_r(context.handle, reader, $0) }) else {
            throw context.error("reading WKT")
        }
        self.init(owning: pointer, context: context)
    }

    /// A point at (x, y).
    public static func point(_ p: PlanarPoint, in context: GEOSContext) throws(GEOSError) -> Geometry {
        try context.make("creating point") { GEOSGeom_createPointFromXY_r($0, p.x, p.y) }
    }

    /// An axis-aligned rectangle polygon.
    public static func rectangle(_ box: PlanarBox, in context: GEOSContext) throws(GEOSError) -> Geometry {
        try context.make("creating rectangle") {
            GEOSGeom_createRectangle_r($0, box.minX, box.minY, box.maxX, box.maxY)
        }
    }

    /// A polygon from plain rings (closed automatically when the last point differs from the first).
    public static func polygon(_ polygon: PlanarPolygon, in context: GEOSContext) throws(GEOSError) -> Geometry {
        let shell = try ring(polygon.exterior, in: context)
        var holes: [OpaquePointer?] = []
        holes.reserveCapacity(polygon.holes.count)
        do {
            for hole in polygon.holes { holes.append(try ring(hole, in: context)) }
        } catch {
            GEOSGeom_destroy_r(context.handle, shell)
            for h in holes { if let h { GEOSGeom_destroy_r(context.handle, h) } }
            throw error
        }
        // createPolygon takes ownership of shell and holes.
        return try holes.withUnsafeMutableBufferPointer { buffer throws(GEOSError) in
            try context.make("creating polygon") {
                GEOSGeom_createPolygon_r($0, shell, buffer.baseAddress, UInt32(buffer.count))
            }
        }
    }

    /// A polygon whose exterior ring is given as interleaved x, y values (already closed).
    static func polygon(closedRing xy: UnsafeBufferPointer<Double>, in context: GEOSContext) throws(GEOSError) -> Geometry {
        context.clearMessages()
        guard let seq = GEOSCoordSeq_copyFromBuffer_r(context.handle, xy.baseAddress, UInt32(xy.count / 2), 0, 0) else {
            throw context.error("creating coordinate sequence")
        }
        guard let shell = GEOSGeom_createLinearRing_r(context.handle, seq) else {
            throw context.error("creating linear ring")
        }
        return try context.make("creating polygon") { GEOSGeom_createPolygon_r($0, shell, nil, 0) }
    }

    private static func ring(_ points: [PlanarPoint], in context: GEOSContext) throws(GEOSError) -> OpaquePointer {
        var xy: [Double] = []
        xy.reserveCapacity(points.count * 2 + 2)
        for p in points { xy.append(p.x); xy.append(p.y) }
        if let f = points.first, let l = points.last, f != l { xy.append(f.x); xy.append(f.y) }
        guard xy.count >= 8 else {
            throw GEOSError(operation: "creating linear ring", message: "a ring needs at least 3 distinct points, got \(points.count)")
        }
        context.clearMessages()
        let seq = xy.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(context.handle, $0.baseAddress, UInt32($0.count / 2), 0, 0)
        }
        guard let seq else { throw context.error("creating coordinate sequence") }
        // createLinearRing takes ownership of the sequence, also when it fails.
        guard let ring = GEOSGeom_createLinearRing_r(context.handle, seq) else {
            throw context.error("creating linear ring")
        }
        return ring
    }

    /// A multi-polygon of `polygons` (consumed: they belong to the result afterwards).
    public static func multiPolygon(_ polygons: [Geometry], in context: GEOSContext) throws(GEOSError) -> Geometry {
        try collection(polygons, type: GEOS_MULTIPOLYGON, in: context)
    }

    /// A geometry collection of `parts` (consumed: they belong to the result afterwards).
    public static func collection(_ parts: [Geometry], in context: GEOSContext) throws(GEOSError) -> Geometry {
        try collection(parts, type: GEOS_GEOMETRYCOLLECTION, in: context)
    }

    private static func collection(_ parts: [Geometry], type: GEOSGeomTypes, in context: GEOSContext) throws(GEOSError) -> Geometry {
        precondition(parts.allSatisfy { $0.context === context }, "geometries from different GEOS contexts")
        var pointers: [OpaquePointer?] = parts.map { $0.releaseOwnership() }
        let result = pointers.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
        guard let result else {
            for p in pointers { if let p { GEOSGeom_destroy_r(context.handle, p) } }
            throw context.error("creating collection")
        }
        return Geometry(owning: result, context: context)
    }

    // MARK: Measures and predicates

    /// Planar area in squared units of the coordinates.
    public func area() throws(GEOSError) -> Double {
        var value = 0.0
        try context.check("area") { GEOSArea_r($0, pointer, &value) }
        return value
    }

    public func isEmpty() throws(GEOSError) -> Bool {
        try context.predicate("isEmpty") { GEOSisEmpty_r($0, pointer) }
    }

    public func isValid() throws(GEOSError) -> Bool {
        try context.predicate("isValid") { GEOSisValid_r($0, pointer) }
    }

    /// GEOS's explanation of why the geometry is invalid ("Valid Geometry" when it is valid).
    public func validityReason() throws(GEOSError) -> String {
        context.clearMessages()
        guard let text = GEOSisValidReason_r(context.handle, pointer) else { throw context.error("isValidReason") }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    /// The bounding box (nil for an empty geometry).
    public func bounds() throws(GEOSError) -> PlanarBox? {
        if try isEmpty() { return nil }
        var box = PlanarBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        try context.check("extent") { GEOSGeom_getExtent_r($0, pointer, &box.minX, &box.minY, &box.maxX, &box.maxY) }
        return box
    }

    /// Well-Known Text, for debugging and tests.
    public func wkt() throws(GEOSError) -> String {
        guard let writer = GEOSWKTWriter_create_r(context.handle) else { throw context.error("creating WKT writer") }
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        context.clearMessages()
        guard let text = GEOSWKTWriter_write_r(context.handle, writer, pointer) else { throw context.error("writing WKT") }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    // MARK: Operations (each returns a new geometry)

    public func intersection(_ other: Geometry) throws(GEOSError) -> Geometry {
        try context.make("intersection") { GEOSIntersection_r($0, pointer, other.pointer) }
    }

    public func difference(_ other: Geometry) throws(GEOSError) -> Geometry {
        try context.make("difference") { GEOSDifference_r($0, pointer, other.pointer) }
    }

    public func union(_ other: Geometry) throws(GEOSError) -> Geometry {
        try context.make("union") { GEOSUnion_r($0, pointer, other.pointer) }
    }

    /// The union of all parts of this geometry (e.g. a collection of overlapping discs).
    public func unaryUnion() throws(GEOSError) -> Geometry {
        try context.make("unary union") { GEOSUnaryUnion_r($0, pointer) }
    }

    /// Fast clipping to an axis-aligned rectangle (GEOSClipByRect).
    public func clipped(to box: PlanarBox) throws(GEOSError) -> Geometry {
        try context.make("clip by rectangle") { GEOSClipByRect_r($0, pointer, box.minX, box.minY, box.maxX, box.maxY) }
    }

    /// GEOS's buffer with `quadrantSegments` segments per quarter circle.
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws(GEOSError) -> Geometry {
        try context.make("buffer") { GEOSBuffer_r($0, pointer, distance, Int32(quadrantSegments)) }
    }

    /// A valid version of this geometry (GEOSMakeValid, linework method).
    public func makeValid() throws(GEOSError) -> Geometry {
        try context.make("make valid") { GEOSMakeValid_r($0, pointer) }
    }

    public func centroid() throws(GEOSError) -> Geometry {
        try context.make("centroid") { GEOSGetCentroid_r($0, pointer) }
    }

    /// A point guaranteed to lie on the geometry.
    public func pointOnSurface() throws(GEOSError) -> Geometry {
        try context.make("point on surface") { GEOSPointOnSurface_r($0, pointer) }
    }

    /// Prepares this geometry for repeated predicates (keeps a reference to it).
    public func prepared() throws(GEOSError) -> PreparedGeometry {
        context.clearMessages()
        guard let prepared = GEOSPrepare_r(context.handle, pointer) else { throw context.error("prepare") }
        return PreparedGeometry(owning: prepared, base: self)
    }
}
