import Testing
@testable import StationGeometry

@Suite("GEOS wrapper")
struct GEOSWrapperTests {
    @Test func parsesWKTAndMeasuresArea() throws {
        let context = GEOSContext()
        let square = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", context: context)
        #expect(try square.area() == 100)
        #expect(try square.isValid())
        #expect(try square.bounds() == PlanarBox(minX: 0, minY: 0, maxX: 10, maxY: 10))
    }

    @Test func invalidWKTBecomesSwiftErrorWithGEOSMessage() {
        let context = GEOSContext()
        #expect {
            _ = try Geometry(wkt: "POLYGON((0 0, 1 1", context: context)
        } throws: { error in
            guard let e = error as? GEOSError else { return false }
            // GEOS's own parser text, e.g. "ParseException: Expected word but encountered end of stream".
            return e.operation == "reading WKT" && e.message.contains("ParseException")
        }
    }

    @Test func unclosedRingIsRejectedWithGEOSMessage() {
        let context = GEOSContext()
        #expect {
            _ = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1))", context: context)
        } throws: { error in
            guard let e = error as? GEOSError else { return false }
            return e.message.lowercased().contains("closed")
        }
    }

    @Test func bowTieIsInvalidAndMakeValidRepairsIt() throws {
        let context = GEOSContext()
        let bowTie = try Geometry(wkt: "POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))", context: context)
        #expect(try bowTie.isValid() == false)
        #expect(try bowTie.validityReason().contains("Self-intersection"))
        let fixed = try bowTie.makeValid()
        #expect(try fixed.isValid())
        // Two triangles of area 1 each.
        #expect(abs(try fixed.area() - 2) < 1e-12)
    }

    @Test func ringWithTooFewPointsIsAWrapperError() {
        let context = GEOSContext()
        #expect(throws: GEOSError.self) {
            _ = try Geometry.polygon(PlanarPolygon(exterior: [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 1, y: 0)]), in: context)
        }
    }

    @Test func collectionUnionAndPolygonsRoundTrip() throws {
        let context = GEOSContext()
        let a = try Geometry.rectangle(PlanarBox(minX: 0, minY: 0, maxX: 2, maxY: 2), in: context)
        let b = try Geometry.rectangle(PlanarBox(minX: 1, minY: 1, maxX: 3, maxY: 3), in: context)
        let union = try Geometry.collection([a, b], in: context).unaryUnion()
        #expect(try union.area() == 7)
        let polygons = try union.polygons()
        #expect(polygons.count == 1)
        #expect(abs(PlanarPolygon.signedArea(polygons[0].exterior)) == 7)
    }

    @Test func clipByRectangleKeepsTheInsidePart() throws {
        let context = GEOSContext()
        let square = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", context: context)
        let clipped = try square.clipped(to: PlanarBox(minX: 5, minY: 5, maxX: 20, maxY: 20))
        #expect(try clipped.area() == 25)
    }

    @Test func preparedCoversIncludesBoundary() throws {
        let context = GEOSContext()
        let prepared = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", context: context).prepared()
        #expect(try prepared.covers(PlanarPoint(x: 5, y: 5)))
        #expect(try prepared.covers(PlanarPoint(x: 10, y: 5)))
        #expect(try prepared.covers(PlanarPoint(x: 11, y: 5)) == false)
    }
}
