import Foundation
import StationCore
import StationGeometry

/// Inputs for RecommendBench: the sample ledger's stations, seeded points inside a district, and
/// the covering instance written out for the PuLP/CBC comparison.
enum BenchLedger {
    /// Every station of the sample ledger CSV (hours ignored: the bench asks about stations, not times,
    /// except for the gap-cell case, which uses each station's hours).
    static func stations(_ url: URL) throws -> [CoverageStation] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = fields(of: lines.removeFirst())
        guard let lonAt = header.firstIndex(of: "lon"), let latAt = header.firstIndex(of: "lat"),
              let gradeAt = header.firstIndex(of: "grade"), let statusAt = header.firstIndex(of: "status"),
              let hoursAt = header.firstIndex(of: "opening_hours") else { fatalError("unexpected sample header \(header)") }
        var compiled: [String: any StationSchedule] = [:]
        return lines.compactMap { line in
            let fields = fields(of: line)
            guard fields.count == header.count, let lon = Double(fields[lonAt]), let lat = Double(fields[latAt]) else { return nil }
            let hours = fields[hoursAt]
            let schedule = compiled[hours] ?? ((try? OpeningHours.parse(hours)).map { CompiledHours($0) } ?? NeverOpen())
            compiled[hours] = schedule
            return CoverageStation(id: fields[0], location: LonLat(lon: lon, lat: lat), isPublic: fields[gradeAt] != "C",
                                   isActive: fields[statusAt] == "active", schedule: schedule)
        }
    }

    /// The fields of one CSV line (RFC 4180 quotes; the sample has no line breaks inside fields).
    static func fields(of line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var previousQuote = false
        for c in line {
            if quoted {
                if c == "\"" { quoted = false; previousQuote = true } else { field.append(c) }
            } else if c == "\"" {
                if previousQuote { field.append("\"") }
                quoted = true
                previousQuote = false
            } else if c == "," {
                out.append(field); field = ""; previousQuote = false
            } else if c != "\r" {
                field.append(c); previousQuote = false
            }
        }
        out.append(field)
        return out
    }

    /// `count` seeded uniform points inside the district (even-odd ray casting over its rings).
    static func pointsInside(_ shape: DistrictShape, count: Int, rng: inout SplitMix64) -> [LonLat] {
        let b = shape.bounds
        var out: [LonLat] = []
        while out.count < count {
            let p = LonLat(lon: b.min.lon + rng.nextUnit() * (b.max.lon - b.min.lon), lat: b.min.lat + rng.nextUnit() * (b.max.lat - b.min.lat))
            if contains(shape, p) { out.append(p) }
        }
        return out
    }

    static func contains(_ shape: DistrictShape, _ p: LonLat) -> Bool {
        var inside = false
        for polygon in shape.polygons {
            for ring in [polygon.exterior] + polygon.holes {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let a = ring[i], c = ring[j]
                    if (a.lat > p.lat) != (c.lat > p.lat), p.lon < (c.lon - a.lon) * (p.lat - a.lat) / (c.lat - a.lat) + a.lon {
                        inside.toggle()
                    }
                    j = i
                }
            }
        }
        return inside
    }

    /// The instance as JSON: weights, existing reach counts, each candidate's reached points, K, the
    /// required reach, and this program's answer, bound and time for the comparison script to print.
    static func writeInstance(_ problem: CoveringProblem, count: Int, coveredAfter: Double, upperBound: Double,
                              seconds: Double, to url: URL) throws {
        let object: [String: Any] = [
            "weights": problem.weights, "existing_reach": problem.existingReach,
            "reach": problem.reach.map { $0.map(Int.init) }, "count": count, "required_reach": problem.requiredReach,
            "stationfinder": ["covered_after": coveredAfter, "upper_bound": upperBound, "seconds": seconds],
        ]
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: object).write(to: url, options: .atomic)
    }
}
