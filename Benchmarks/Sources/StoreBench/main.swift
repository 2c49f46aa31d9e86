// StoreBench: imports 100,000 generated stations from CSV into a new SQLite file and loads them
// back. Targets (issue 2): import < 5 s, load all < 0.5 s, release build on 2 cores.
// Run: swift run -c release --package-path Benchmarks StoreBench [count]
import Foundation
import StationCore
import StationGeometry
import StationStore


/// CPU seconds (user + system) this process has used so far.
func cpuSeconds() -> Double {
    Double(clock()) / Double(CLOCKS_PER_SEC)
}

/// The last measurement's CPU seconds: on a shared 2-core machine the wall time also counts
/// other processes, so both are reported.
nonisolated(unsafe) var lastCPU = 0.0

/// Wall-clock seconds of `body` (its CPU seconds go to `lastCPU`).
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let cpu0 = cpuSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    lastCPU = cpuSeconds() - cpu0
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func report(_ what: String, _ wall: Double, target: String = "") {
    print("\(what): \(String(format: "%.3f", wall)) s wall, \(String(format: "%.3f", lastCPU)) s CPU\(target.isEmpty ? "" : " (target \(target))")")
}

/// A CSV ledger of `count` stations at random points inside Beijing's districts.
func ledgerCSV(count: Int, districts: DistrictMap) -> String {
    var rng = SplitMix64(seed: 20_260_521)
    let hours = ["24/7", "Mo-Fr 09:00-17:00", "Mo-Fr 08:30-17:30; PH off", "Mo-Su 06:00-22:00", "Mo-Sa 07:00-19:00"]
    let hosts = HostType.allCases.map(\.rawValue)
    let amenities = Amenity.allCases.map(\.rawValue)
    var out = "id,name,lon,lat,address,district,grade,organization,host_type,opening_hours,amenities,phone,status,rating,last_inspected\n"
    out.reserveCapacity(count * 200)
    var made = 0
    while made < count {
        let lon = 115.42 + rng.nextUnit() * (117.51 - 115.42)
        let lat = 39.44 + rng.nextUnit() * (41.06 - 39.44)
        guard let adcode = districts.adcode(containing: LonLat(lon: lon, lat: lat)) else { continue }
        made += 1
        let gradeRoll = rng.nextUnit()
        let grade = gradeRoll < 0.3 ? "A" : gradeRoll < 0.8 ? "B" : "C"
        let org = grade == "C" ? "Employer \(made % 997)" : (rng.nextUnit() < 0.5 ? "Bank \(made % 13)" : "")
        let picked = amenities.filter { _ in rng.nextUnit() < 0.4 }.joined(separator: ";")
        let hoursText = hours[Int(rng.next() % UInt64(hours.count))]
        let host = hosts[Int(rng.next() % UInt64(hosts.count))]
        let rating = rng.nextUnit() < 0.8 ? String(rng.next() % 6) : ""
        let date = rng.nextUnit() < 0.7 ? "2025-\(String(format: "%02d", 1 + Int(rng.next() % 12)))-\(String(format: "%02d", 1 + Int(rng.next() % 28)))" : ""
        out += "BJ\(String(format: "%06d", made)),Station \(made),\(String(format: "%.6f", lon)),\(String(format: "%.6f", lat)),"
        out += "\"No. \(made % 300), Road \(made % 97), Beijing\",\(rng.nextUnit() < 0.5 ? adcode : ""),\(grade),\(org),\(host),"
        out += "\(hoursText),\(picked),010-\(String(format: "%08d", made)),active,\(rating),\(date)\n"
    }
    return out
}

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardizedFileURL
let geodata = repo.appendingPathComponent("geodata")
let work = FileManager.default.temporaryDirectory.appendingPathComponent("storebench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

let map = try DistrictMap(geoJSON: Data(contentsOf: geodata.appendingPathComponent("districts.geojson")))
let csvURL = work.appendingPathComponent("ledger.csv")
var csvText = ""
let genSeconds = seconds { csvText = ledgerCSV(count: count, districts: map) }
try csvText.write(to: csvURL, atomically: true, encoding: .utf8)
report("generate \(count) stations (\(csvText.utf8.count / 1_000_000) MB CSV)", genSeconds)

let dbPath = work.appendingPathComponent("bench.db").path
let db = try StationDatabase(path: dbPath)
report("setup (load 16 districts)", try seconds { try db.loadGeodata(directory: geodata) })
report("  of which: district map from the stored outlines", try seconds { _ = try db.districtMap() })
report("  validate only (read, parse, check \(count) rows)", try seconds { _ = try db.checkLedger(files: [csvURL], crs: .wgs84) })

var summary: ImportSummary?
report("import into the new database (\(count) stations, one transaction)", try seconds {
    summary = try db.importLedger(files: [csvURL], crs: .wgs84, replace: false, actor: "bench")
}, target: "< 5 s")
print("  \(summary.map(String.init(describing:)) ?? "")")

let reopened = try StationDatabase(path: dbPath)
var loaded: [Station] = []
report("load all stations into memory (fresh connection)", try seconds { loaded = try reopened.allStations() }, target: "< 0.5 s")
print("  \(loaded.count) stations loaded")

var again: ImportSummary?
report("re-import the same file (upsert, nothing changes)", try seconds {
    again = try db.importLedger(files: [csvURL], crs: .wgs84, replace: false, actor: "bench")
})
print("  \(again.map(String.init(describing:)) ?? "")")
