import Foundation
import Testing
@testable import StationCore

/// A filter for index tests: amenity mask and grade mask on attributes, plus a distance-dependent
/// "acceptance" that stands in for opening hours (stations whose id hash and distance band agree).
private struct TestFilter: NearestFilter {
    var requiredAmenities: UInt16
    var gradeMask: UInt8
    /// Grade C (bit 4) stations only for this organization, when set.
    var member: UInt32? = nil
    var distanceDependent: Bool
    var ids: [String]

    /// The rule the index applies, written out independently for the brute-force side.
    func admits(_ a: StationAttributes) -> Bool {
        guard a.amenityBits & requiredAmenities == requiredAmenities, a.gradeBit & gradeMask != 0 else { return false }
        guard let member, a.gradeBit == 4 else { return true }
        return a.organizationID == member
    }
    var admission: AdmissionRule {
        AdmissionRule(
            requiredAmenityBits: requiredAmenities, gradeMask: gradeMask, membersOnlyGradeMask: member == nil ? 0 : 4,
            memberOrganizationID: member ?? .max)
    }
    func screen(_ a: StationAttributes, key: Double) -> Screening {
        distanceDependent ? .measure : .accept
    }
    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool {
        guard distanceDependent else { return true }
        return (source &* 31 &+ Int(distanceMetres / 700)) % 3 != 0
    }
    func precedes(source a: Int, source b: Int) -> Bool { ids[a] < ids[b] }
}

/// Random stations with the awkward cases mixed in: tight clusters, exact duplicates, points either
/// side of the antimeridian and near both poles, and a Beijing-sized spread.
private func randomEntries(count: Int, rng: inout SplitMix64) -> [IndexEntry] {
    var points: [LonLat] = []
    while points.count < count {
        let kind = rng.next() % 6
        switch kind {
        case 0:  // Beijing bbox
            points.append(LonLat(lon: 115.4 + 2.1 * rng.nextUnit(), lat: 39.4 + 1.7 * rng.nextUnit()))
        case 1:  // a cluster of 1-20 points within about 30 m
            let c = LonLat(lon: 116.3 + 0.2 * rng.nextUnit(), lat: 39.8 + 0.2 * rng.nextUnit())
            for _ in 0..<(1 + Int(rng.next() % 20)) {
                points.append(LonLat(lon: c.lon + 0.0003 * rng.nextUnit(), lat: c.lat + 0.0003 * rng.nextUnit()))
            }
        case 2:  // exact duplicates
            let p = LonLat(lon: 116 + rng.nextUnit(), lat: 40 + 0.5 * rng.nextUnit())
            for _ in 0..<(2 + Int(rng.next() % 4)) { points.append(p) }
        case 3:  // both sides of the antimeridian
            let side: Double = rng.next() % 2 == 0 ? 1 : -1
            points.append(LonLat(lon: side * (180 - 0.05 * rng.nextUnit()), lat: -1 + 2 * rng.nextUnit()))
        case 4:  // near the poles
            let pole: Double = rng.next() % 2 == 0 ? 1 : -1
            points.append(LonLat(lon: -180 + 360 * rng.nextUnit(), lat: pole * (90 - 0.05 * rng.nextUnit())))
        default:  // anywhere
            points.append(LonLat(lon: -180 + 360 * rng.nextUnit(), lat: -90 + 180 * rng.nextUnit()))
        }
    }
    return points.prefix(count).enumerated().map { i, p in
        IndexEntry(
            lonLat: p,
            attributes: StationAttributes(
                organizationID: UInt32(rng.next() % 4), hoursID: 0, amenityBits: UInt16(truncatingIfNeeded: rng.next() & 0x3FFF),
                gradeBit: UInt8(1 << (rng.next() % 3))),
            source: UInt32(i))
    }
}

private func bruteForce(
    _ entries: [IndexEntry], point: LonLat, limit: Int, maxDistanceMetres: Double, filter: TestFilter
) -> [IndexHit] {
    var hits: [IndexHit] = []
    for e in entries where filter.admits(e.attributes) {
        let d = Reference.distanceMetres(point, e.lonLat)
        guard d <= maxDistanceMetres,
            filter.accepts(source: Int(e.source), attributes: e.attributes, distanceMetres: d)
        else { continue }
        let bearing = Reference.bearingDegrees(from: point, to: e.lonLat)
        hits.append(IndexHit(source: Int(e.source), distanceMetres: d, bearingDegrees: bearing, attributes: e.attributes, lonLat: e.lonLat))
    }
    hits.sort { ($0.distanceMetres, filter.ids[$0.source]) < ($1.distanceMetres, filter.ids[$1.source]) }
    return Array(hits.prefix(limit))
}

@Suite("Spatial index")
struct IndexTests {
    @Test("the index costs 44 bytes a station")
    func layout() {
        var rng = SplitMix64(seed: 3)
        let index = StationIndex(entries: randomEntries(count: 1000, rng: &rng))
        #expect(index.count == 1000)
        // 44 bytes a station plus the padding of the arrays read four at a time
        #expect(index.memoryBytes >= 1000 * 44 && index.memoryBytes < 1000 * 45)
    }

    @Test("a station across the antimeridian is the nearest (2,223.9 m = 0.02 deg of the equator)")
    func antimeridian() {
        let entries = [
            IndexEntry(lonLat: LonLat(lon: -179.99, lat: 0), attributes: StationAttributes(organizationID: 0, hoursID: 0, amenityBits: 0, gradeBit: 1), source: 0),
            IndexEntry(lonLat: LonLat(lon: 179.9, lat: 0), attributes: StationAttributes(organizationID: 0, hoursID: 0, amenityBits: 0, gradeBit: 1), source: 1),
        ]
        let index = StationIndex(entries: entries)
        let filter = TestFilter(requiredAmenities: 0, gradeMask: 7, distanceDependent: false, ids: ["a", "b"])
        let hits = index.nearest(to: LonLat(lon: 179.99, lat: 0), limit: 2, filter: filter)
        #expect(hits.map(\.source) == [0, 1])
        // R * 0.02 * pi / 180 with R = 6,371,008.8 m
        #expect(abs(hits[0].distanceMetres - 2223.9016) < 0.001)
    }

    @Test("0.01 deg east of Tiananmen is 852.94 m (1,111.95 m * cos 39.9087 deg)")
    func tiananmen() {
        let target = LonLat(lon: 116.4075, lat: 39.9087)
        let entries = [
            IndexEntry(lonLat: target, attributes: StationAttributes(organizationID: 0, hoursID: 0, amenityBits: 0, gradeBit: 1), source: 0)
        ]
        let index = StationIndex(entries: entries)
        let filter = TestFilter(requiredAmenities: 0, gradeMask: 7, distanceDependent: false, ids: ["a"])
        let hits = index.nearest(to: LonLat(lon: 116.3975, lat: 39.9087), limit: 1, filter: filter)
        #expect(hits.count == 1)
        #expect(abs(hits[0].distanceMetres - 852.94) < 0.01)
        #expect(index.nearest(to: LonLat(lon: 116.3975, lat: 39.9087), limit: 1, maxDistanceMetres: 852, filter: filter).isEmpty)
    }

    @Test("same results, same order as a brute-force scan, for seeded random stations and queries")
    func matchesBruteForce() {
        var rng = SplitMix64(seed: 20_261_121)
        var totalHits = 0
        for round in 0..<6 {
            let count = [1, 7, 40, 300, 2000, 5000][round]
            let entries = randomEntries(count: count, rng: &rng)
            // Random ids, so ties at equal distance are not ordered by insertion.
            let ids = entries.map { _ in String(rng.next() % 100_000, radix: 36) }
            let index = StationIndex(entries: entries, nodeSize: [4, 8, 16, 24, 32, 64][round])
            for _ in 0..<150 {
                let point: LonLat
                switch rng.next() % 4 {
                case 0: point = entries[Int(rng.next() % UInt64(entries.count))].lonLat
                case 1: point = LonLat(lon: 115.4 + 2.1 * rng.nextUnit(), lat: 39.4 + 1.7 * rng.nextUnit())
                case 2: point = LonLat(lon: rng.next() % 2 == 0 ? 180 : -180, lat: -0.5 + rng.nextUnit())
                default: point = LonLat(lon: -180 + 360 * rng.nextUnit(), lat: -90 + 180 * rng.nextUnit())
                }
                let filter = TestFilter(
                    requiredAmenities: UInt16(truncatingIfNeeded: rng.next() & (rng.next() & 0x3FFF) & 0x0F0F),
                    gradeMask: UInt8(1 + rng.next() % 7), member: rng.next() % 2 == 0 ? nil : UInt32(rng.next() % 4),
                    distanceDependent: rng.next() % 2 == 0, ids: ids)
                let limit = 1 + Int(rng.next() % 12)
                let maxD: Double = rng.next() % 3 == 0 ? .infinity : 500 * pow(10, 4 * rng.nextUnit())
                let got = index.nearest(to: point, limit: limit, maxDistanceMetres: maxD, filter: filter)
                let want = bruteForce(entries, point: point, limit: limit, maxDistanceMetres: maxD, filter: filter)
                #expect(got == want, "n=\(count) point=\(point) limit=\(limit) max=\(maxD)")
                // The search's bearing against the one written in the test, away from coincident points.
                for hit in got where hit.distanceMetres > 0.01 {
                    let textbook = Reference.bearingDegrees(from: point, to: entries[hit.source].lonLat)
                    let gap = abs(hit.bearingDegrees - textbook)
                    #expect(min(gap, 360 - gap) < 1e-5, "bearing \(hit.bearingDegrees) vs \(textbook) at \(hit.distanceMetres) m")
                }
                totalHits += got.count
            }
        }
        #expect(totalHits > 2000)  // the comparison is not vacuous
    }

    @Test("a search that finds more stations than its lent memory holds (64) still matches brute force")
    func outgrowsLentMemory() {
        var rng = SplitMix64(seed: 64)
        let entries = randomEntries(count: 3000, rng: &rng)
        let ids = entries.map { _ in String(rng.next() % 100_000, radix: 36) }
        let index = StationIndex(entries: entries, nodeSize: 64)
        for round in 0..<40 {
            // 100 answers: at least 100 stations are found before the bound can tighten.
            let filter = TestFilter(
                requiredAmenities: 0, gradeMask: 7, member: nil, distanceDependent: round % 2 == 0, ids: ids)
            let point = LonLat(lon: 115.4 + 2.1 * rng.nextUnit(), lat: 39.4 + 1.7 * rng.nextUnit())
            let got = index.nearest(to: point, limit: 100, filter: filter)
            let want = bruteForce(entries, point: point, limit: 100, maxDistanceMetres: .infinity, filter: filter)
            #expect(got.count == 100)
            #expect(got == want, "round \(round) point=\(point)")
        }
    }

    @Test("all duplicates at one point come back ordered by id")
    func duplicates() {
        let p = LonLat(lon: 116.4, lat: 39.9)
        let entries = (0..<50).map { i in
            IndexEntry(lonLat: p, attributes: StationAttributes(organizationID: 0, hoursID: 0, amenityBits: 0, gradeBit: 1), source: UInt32(i))
        }
        let ids = (0..<50).map { String(format: "%02d", 49 - $0) }
        let index = StationIndex(entries: entries, nodeSize: 4)
        let filter = TestFilter(requiredAmenities: 0, gradeMask: 7, distanceDependent: false, ids: ids)
        let hits = index.nearest(to: LonLat(lon: 116.41, lat: 39.9), limit: 5, filter: filter)
        #expect(hits.map(\.source) == [49, 48, 47, 46, 45])
    }

    @Test("a tree large enough to be built on several threads is the tree built on one")
    func parallelBuildMatchesSequential() {
        var rng = SplitMix64(seed: 12)
        let entries = (0..<(KDTreeBuilder.parallelThreshold + 20_000)).map { i in
            IndexEntry(
                lonLat: LonLat(lon: 115.4 + 2.1 * rng.nextUnit(), lat: 39.4 + 1.7 * rng.nextUnit()),
                attributes: StationAttributes(organizationID: 0, hoursID: 0, amenityBits: 0, gradeBit: 1), source: UInt32(i))
        }
        let index = StationIndex(entries: entries)
        // The same points, sorted on this thread alone.
        var items = entries.indices.map { i -> BuildItem in
            let v = index.frame.rotate(Earth.unitVector(entries[i].lonLat))
            return BuildItem(point: SIMD3<Float>(Float(v.x), Float(v.y), Float(v.z)), entry: UInt32(i), splitAxis: 0)
        }
        KDTreeBuilder.build(&items[...], nodeSize: index.nodeSize)
        var same = 0
        for i in 0..<entries.count where index.storage.sources[i] == items[i].entry
            && index.storage.axes[0][i] == items[i].point.x && index.storage.words[i] >> 24 == UInt32(items[i].splitAxis)
        {
            same += 1
        }
        #expect(same == entries.count)
    }
}
