import CGEOS

extension Geometry {
    /// The polygons of a Polygon, MultiPolygon or collection as plain values (other parts skipped).
    public func polygons() throws(GEOSError) -> [PlanarPolygon] {
        var out: [PlanarPolygon] = []
        try collectPolygons(pointer, into: &out)
        return out
    }

    /// The coordinates of a Point.
    public func pointValue() throws(GEOSError) -> PlanarPoint {
        var p = PlanarPoint(x: 0, y: 0)
        try context.check("point x") { GEOSGeomGetX_r($0, pointer, &p.x) }
        try context.check("point y") { GEOSGeomGetY_r($0, pointer, &p.y) }
        return p
    }

    private func collectPolygons(_ g: OpaquePointer, into out: inout [PlanarPolygon]) throws(GEOSError) {
        let h = context.handle
        context.clearMessages()
        let type = GEOSGeomTypeId_r(h, g)
        switch type {
        case Int32(GEOS_POLYGON.rawValue):
            if GEOSisEmpty_r(h, g) == 1 { return }
            guard let shell = GEOSGetExteriorRing_r(h, g) else { throw context.error("exterior ring") }
            let exterior = try ringPoints(shell)
            let n = GEOSGetNumInteriorRings_r(h, g)
            guard n >= 0 else { throw context.error("interior ring count") }
            var holes: [[PlanarPoint]] = []
            for i in 0..<n {
                guard let ring = GEOSGetInteriorRingN_r(h, g, i) else { throw context.error("interior ring") }
                holes.append(try ringPoints(ring))
            }
            out.append(PlanarPolygon(exterior: exterior, holes: holes))
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            let n = GEOSGetNumGeometries_r(h, g)
            guard n >= 0 else { throw context.error("part count") }
            for i in 0..<n {
                guard let part = GEOSGetGeometryN_r(h, g, i) else { throw context.error("part") }
                try collectPolygons(part, into: &out)
            }
        case -1:
            throw context.error("geometry type")
        default:
            return
        }
    }

    private func ringPoints(_ ring: OpaquePointer) throws(GEOSError) -> [PlanarPoint] {
        let h = context.handle
        guard let seq = GEOSGeom_getCoordSeq_r(h, ring) else { throw context.error("coordinate sequence") }
        var size: UInt32 = 0
        try context.check("sequence size") { GEOSCoordSeq_getSize_r($0, seq, &size) }
        var xy = [Double](repeating: 0, count: Int(size) * 2)
        try xy.withUnsafeMutableBufferPointer { buffer throws(GEOSError) in
            try context.check("copy coordinates") { GEOSCoordSeq_copyToBuffer_r($0, seq, buffer.baseAddress, 0, 0) }
        }
        var points: [PlanarPoint] = []
        points.reserveCapacity(Int(size))
        for i in 0..<Int(size) { points.append(PlanarPoint(x: xy[2 * i], y: xy[2 * i + 1])) }
        return points
    }
}
