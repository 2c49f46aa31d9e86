import Foundation
import Hummingbird
import StationApp
import StationCore
import StationGeometry
import Synchronization

// The two payloads the map page needs that the plain listings do not give: district outlines and a
// compact stations layer with each station's state at the chosen time. Both are parameters of
// existing routes (`/v1/districts?format=geojson`, `/v1/stations?format=compact`), so a GIS tool
// can read them too.

extension CoverageController {
    /// `/v1/districts?format=geojson`: the district outlines with names, population and area.
    func districtOutlines() async throws -> Response {
        let shapes = ledger.geography.districtMap.shapes
        let population = ledger.geography.population
        let outlines = self.outlines
        let text = try await offload { try outlines.value { try LedgerGeoJSON.districtOutlines(shapes, population: population) } }
        return Response.json(Data(text.utf8), contentType: "application/geo+json")
    }
}

extension StationsController {
    /// `/v1/stations?format=compact`: the listed stations (`indices` into the snapshot's catalog) as
    /// one MultiPoint per grade and drawn state at `at` (default now) or over the week (`any_time`).
    func compactLayer(_ indices: [Int], query q: QueryReader, snapshot: LedgerSnapshot) throws -> Response {
        let time = try q.coverageTime()
        let catalog = snapshot.catalog
        let states = indices.map { i in
            (station: catalog.stations[i], state: time.drawState(of: catalog.stations[i], hours: catalog.compiledHours(forStationAt: i)))
        }
        return Response.json(Data(LedgerGeoJSON.compactStations(states, time: time.label).utf8), contentType: "application/geo+json")
    }
}

/// A value computed once, on first use, by whichever request needs it first (others wait for it).
final class OnceComputed<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    /// The value, computing it with `make` if this is the first call (a failure is not kept).
    func value(_ make: () throws -> Value) rethrows -> Value {
        try stored.withLock { value in
            if let value { return value }
            let made = try make()
            value = made
            return made
        }
    }
}
