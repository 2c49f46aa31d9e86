// AlongBench: stations along a 30 km, 500-position route through the centre, on the sample ledger.
// Run: swift run -c release --package-path Benchmarks AlongBench
//      swift run -c release --package-path Benchmarks AlongBench polyline   # the route, encoded, for wrk
//      swift run -c release --package-path Benchmarks AlongBench once 600   # N requests' work, no timing (callgrind)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import StationCore
import StationWire
import StationGeometry
import StationStore

func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func microseconds(_ ns: UInt64) -> String { String(format: "%.1f", Double(ns) / 1000) }

let route = BenchRoute.route()
if CommandLine.arguments.dropFirst().first == "polyline" {
    print(RouteInput.encodePolyline(route))
    exit(0)
}

let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardizedFileURL
let geodata = repo.appendingPathComponent("geodata")
let db = try StationDatabase.inMemory()
try db.loadGeodata(directory: geodata)
_ = try db.importLedger(
    files: [geodata.appendingPathComponent("stations-sample.csv")], crs: .wgs84, replace: false, actor: "bench")
let catalog = StationCatalog(stations: try db.allStations())
let length = RoutePolyline(vertices: route).lengthMetres
print("sample ledger: \(catalog.indexedCount) stations indexed; route: \(route.count) positions, \(Int(length)) m")

let polyline = RouteInput.encodePolyline(route)
// Departure times through one day, so schedules are met open, closed and changing.
let departures = ["04:00", "08:00", "10:00", "13:00", "18:00", "22:00"].map {
    HoursTimeZone.shanghai.epochSeconds(LocalDateTime(iso: "2026-11-23T" + $0)!)
}

// One pass of what an HTTP request does (decode the polyline, answer, write the JSON), untimed, so a
// profiler (valgrind --tool=callgrind) sees only the request's work beyond loading the ledger.
if CommandLine.arguments.dropFirst().first == "once" {
    let count = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 600
    var bytes = 0
    for i in 0..<count {
        var q = AlongQuery(route: [], atEpochSeconds: departures[i % departures.count],
                           openPolicy: i % 2 == 0 ? .arrival : .now)
        q.route = try RouteInput.polyline(polyline[...])
        bytes &+= try catalog.along(q).jsonBytes().count
    }
    print("\(count) requests, \(bytes) JSON bytes")
    exit(0)
}
for (label, policy) in [("arrival", OpenPolicy.arrival), ("now", OpenPolicy.now)] {
    let queries = departures.map { AlongQuery(route: route, atEpochSeconds: $0, openPolicy: policy) }
    var found = 0
    var json = 0
    for q in queries { found += try catalog.along(q).results.count }  // warm-up
    var times: [UInt64] = []
    var withText: [UInt64] = []
    for _ in 0..<300 {
        for q in queries {
            let t0 = nowNanoseconds()
            let a = try catalog.along(q)
            let t1 = nowNanoseconds()
            found &+= a.results.count
            times.append(t1 - t0)
            // As the HTTP route does it: decode the polyline, answer, write the JSON.
            let t2 = nowNanoseconds()
            var q2 = q
            q2.route = try RouteInput.polyline(polyline[...])
            json &+= try catalog.along(q2).jsonBytes().count
            withText.append(nowNanoseconds() - t2)
        }
    }
    times.sort()
    withText.sort()
    let n = times.count
    print("open=\(label): along query median \(microseconds(times[n / 2])) us, p99 \(microseconds(times[n * 99 / 100])) us;"
        + " polyline + query + JSON median \(microseconds(withText[n / 2])) us (\(n) queries, \(found) results, \(json) JSON bytes)")
}
