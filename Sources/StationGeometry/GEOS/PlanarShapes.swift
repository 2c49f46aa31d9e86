/// A point in a projected plane, in metres (x east, y north) unless a caller says otherwise.
public struct PlanarPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A polygon as plain values: one exterior ring and its holes, each ring closed (first == last).
public struct PlanarPolygon: Hashable, Sendable {
    public var exterior: [PlanarPoint]
    public var holes: [[PlanarPoint]]

    public init(exterior: [PlanarPoint], holes: [[PlanarPoint]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Signed shoelace area of a ring: positive when counter-clockwise.
    public static func signedArea(_ ring: [PlanarPoint]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
        }
        if ring.first != ring.last, let f = ring.first, let l = ring.last {
            sum += l.x * f.y - f.x * l.y
        }
        return sum / 2
    }
}

/// An axis-aligned rectangle in a plane.
public struct PlanarBox: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The box grown by `margin` on every side.
    public func expanded(by margin: Double) -> PlanarBox {
        PlanarBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    public func contains(_ p: PlanarPoint) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    public func intersects(_ other: PlanarBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    /// The smallest box around `points` (nil when empty).
    public init?(around points: some Sequence<PlanarPoint>) {
        var it = points.makeIterator()
        guard let first = it.next() else { return nil }
        var box = PlanarBox(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let p = it.next() {
            box.minX = min(box.minX, p.x); box.maxX = max(box.maxX, p.x)
            box.minY = min(box.minY, p.y); box.maxY = max(box.maxY, p.y)
        }
        self = box
    }
}
