/// Nearest point among fixed points in a plane: a uniform bucket grid searched ring by ring.
///
/// Simple and allocation-free per query; enough for tens of thousands of cell centres against
/// a few thousand stations (measured in CoverageBench).
struct PlanarNearest {
    private let points: [PlanarPoint]
    private let bucketMetres: Double
    private let minX: Double, minY: Double
    private let columns: Int, rows: Int
    /// Start offsets into `order` per bucket (columns * rows + 1 entries).
    private let starts: [Int]
    private let order: [Int]

    init(points: [PlanarPoint], bucketMetres: Double) {
        self.points = points
        self.bucketMetres = bucketMetres
        let box = PlanarBox(around: points) ?? PlanarBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        minX = box.minX
        minY = box.minY
        columns = max(1, Int(((box.maxX - box.minX) / bucketMetres).rounded(.down)) + 1)
        rows = max(1, Int(((box.maxY - box.minY) / bucketMetres).rounded(.down)) + 1)
        var counts = [Int](repeating: 0, count: columns * rows + 1)
        var bucketOf = [Int](repeating: 0, count: points.count)
        for (i, p) in points.enumerated() {
            let b = Self.bucket(p, minX, minY, bucketMetres, columns, rows)
            bucketOf[i] = b
            counts[b + 1] += 1
        }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var fill = counts
        var order = [Int](repeating: 0, count: points.count)
        for (i, b) in bucketOf.enumerated() {
            order[fill[b]] = i
            fill[b] += 1
        }
        starts = counts
        self.order = order
    }

    private static func bucket(_ p: PlanarPoint, _ minX: Double, _ minY: Double, _ size: Double, _ columns: Int, _ rows: Int) -> Int {
        let c = min(columns - 1, max(0, Int((p.x - minX) / size)))
        let r = min(rows - 1, max(0, Int((p.y - minY) / size)))
        return r * columns + c
    }

    /// Indices of the points within `slackMetres` of the nearest one to `q` (empty when no points).
    func nearest(to q: PlanarPoint, slackMetres: Double) -> [Int] {
        guard !points.isEmpty else { return [] }
        let qc = Int(((q.x - minX) / bucketMetres).rounded(.down))
        let qr = Int(((q.y - minY) / bucketMetres).rounded(.down))
        var best = Double.infinity
        var ring = 0
        let maxRing = max(columns, rows) + abs(qc) + abs(qr) + 1
        // Points outside ring k are at least (k) buckets away from q's bucket edge: stop when best + slack fits.
        while ring <= maxRing {
            visitRing(qc, qr, ring) { i in
                let p = points[i]
                let d = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
                if d < best { best = d }
            }
            if best + slackMetres <= Double(ring) * bucketMetres { break }
            ring += 1
        }
        var out: [Int] = []
        let limit = best + slackMetres
        for r in 0...ring {
            visitRing(qc, qr, r) { i in
                let p = points[i]
                let d = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
                if d <= limit { out.append(i) }
            }
        }
        return out
    }

    private func visitRing(_ qc: Int, _ qr: Int, _ ring: Int, _ body: (Int) -> Void) {
        let r0 = qr - ring, r1 = qr + ring
        let lo = max(0, r0), hi = min(rows - 1, r1)
        guard lo <= hi else { return }
        for r in lo...hi {
            let onEdgeRow = r == r0 || r == r1
            let step = onEdgeRow ? 1 : max(1, 2 * ring)
            var c = qc - ring
            while c <= qc + ring {
                if c >= 0 && c < columns {
                    let b = r * columns + c
                    for k in starts[b]..<starts[b + 1] { body(order[k]) }
                }
                c += step
            }
        }
    }
}
