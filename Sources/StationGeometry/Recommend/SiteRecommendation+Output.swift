import Foundation
import StationCore
import StationWire

extension SiteRecommendation {
    /// The JSON document, keys in the documented order (district first, sites last), on one line.
    public func json() -> Data {
        var w = JSONWriter()
        w.beginObject()
        writeSummary(&w)
        w.key(text: "sites")
        w.beginArray()
        for site in sites {
            w.beginObject()
            w.key(text: "rank"); w.integer(site.rank)
            w.key(text: "lon"); w.number(site.lon)
            w.key(text: "lat"); w.number(site.lat)
            w.key(text: "id"); w.string(site.id)
            w.key(text: "added_demand"); w.number(site.addedDemand)
            w.key(text: "added_pct"); w.number(site.addedPct)
            w.key(text: "nearest_station_m"); w.number(site.nearestStationM)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return Data(w.bytes)
    }

    /// Every member but `sites`, in order.
    private func writeSummary(_ w: inout JSONWriter) {
        w.key(text: "district"); w.string(district)
        w.key(text: "radius_m"); w.number(radiusM)
        w.key(text: "count"); w.integer(count)
        w.key(text: "demand_total"); w.number(demandTotal)
        w.key(text: "covered_before"); w.number(coveredBefore)
        w.key(text: "covered_after"); w.number(coveredAfter)
        w.key(text: "upper_bound"); w.number(upperBound)
        w.key(text: "gap_pct"); w.number(gapPct)
        w.key(text: "bound_optimal"); w.bool(boundOptimal)
        w.key(text: "demand_source"); w.string(demandSource)
    }

    /// The sites as an RFC 7946 FeatureCollection of Points (properties: the site fields), with the
    /// rest of the answer (everything but `sites`) in a top-level `recommendation` member.
    public func geoJSON() throws -> String {
        var writer = GeoJSONWriter()
        var summary = JSONWriter()
        summary.beginObject()
        writeSummary(&summary)
        summary.endObject()
        writer.foreignMembers = [("recommendation", .json(summary.text))]
        for site in sites {
            writer.addPoint(LonLat(lon: site.lon, lat: site.lat), properties: [
                ("kind", .string("recommended_site")), ("rank", .integer(site.rank)), ("id", .string(site.id)),
                ("added_demand", .number(site.addedDemand, decimals: 6)),
                ("added_pct", .number(site.addedPct, decimals: 4)),
                ("nearest_station_m", site.nearestStationM.map { .number($0, decimals: 1) } ?? .null),
            ])
        }
        return writer.text()
    }

    /// Writes ``geoJSON()`` to `url` atomically (a temporary file renamed over it).
    public func writeGeoJSON(to url: URL) throws {
        try AtomicFile.write(Data(try geoJSON().utf8), to: url)
    }
}
