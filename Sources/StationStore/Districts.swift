import Foundation
import GRDB
import StationCore
import StationWire
import StationGeometry

/// One stored district: names, population and outline.
public struct DistrictRecord: Hashable, Sendable, Codable {
    public var adcode: String
    public var name: String
    public var pinyin: String
    /// Residents (2020 census), nil when unknown.
    public var population: Int?
    /// The outline as GeoJSON geometry text (Polygon or MultiPolygon, WGS-84).
    public var geometry: String

    public init(adcode: String, name: String, pinyin: String, population: Int?, geometry: String) {
        self.adcode = adcode
        self.name = name
        self.pinyin = pinyin
        self.population = population
        self.geometry = geometry
    }

    public var districtName: DistrictName { DistrictName(adcode: adcode, name: name, pinyin: pinyin) }
}

/// A joined `districts`/`district_outlines` row, decoded by column name.
extension DistrictRecord: FetchableRecord {}

/// The districts table: loading geodata and building the locator from the stored outlines.
extension StationDatabase {
    /// All stored districts, by adcode.
    public func districts() throws -> [DistrictRecord] {
        try writer.read { db in
            try DistrictRecord.fetchAll(db, sql: """
                SELECT d.adcode, d.name, d.pinyin, d.population, o.geometry
                FROM districts d JOIN district_outlines o USING (adcode) ORDER BY d.adcode
                """)
        }
    }

    /// The stored districts' names, by adcode.
    public func districtNames() throws -> [DistrictName] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT adcode, name, pinyin FROM districts ORDER BY adcode")
                .map { DistrictName(adcode: $0["adcode"], name: $0["name"], pinyin: $0["pinyin"]) }
        }
    }

    /// A point-in-district locator built from the stored outlines.
    /// - Throws: ``StoreError/noDistricts`` when `setup` has not loaded any.
    public func districtMap() throws -> DistrictMap {
        let records = try districts()
        guard !records.isEmpty else { throw StoreError.noDistricts }
        return try DistrictMap(geoJSON: Data(Self.featureCollection(records).utf8), source: "districts table")
    }

    /// The stored districts as one GeoJSON FeatureCollection text.
    public func districtsGeoJSON() throws -> String {
        Self.featureCollection(try districts())
    }

    package static func featureCollection(_ records: [DistrictRecord]) -> String {
        var w = JSONWriter(capacity: records.reduce(64) { $0 + $1.geometry.utf8.count + 160 })
        w.beginObject()
        w.key("type"); w.string(literal: "FeatureCollection")
        w.key("features")
        w.beginArray()
        for r in records {
            w.beginObject()
            w.key("type"); w.string(literal: "Feature")
            w.key("properties")
            w.beginObject()
            w.key("adcode"); w.string(r.adcode)
            w.key("name"); w.string(r.name)
            w.key("pinyin"); w.string(r.pinyin)
            if let p = r.population { w.key("population"); w.integer(p) }
            w.endObject()
            w.key("geometry"); w.json(r.geometry)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }

    /// Loads `districts.geojson` and, when present, `district-population.csv` from `directory`.
    /// Idempotent: districts are upserted by adcode, so it can run again after a data update.
    /// - Returns: the number of districts stored.
    @discardableResult
    public func loadGeodata(directory: URL) throws -> Int {
        try store(districts: try Self.geodataRecords(directory: directory))
    }

    /// The districts (and census population, when the file is there) a geodata directory holds.
    package static func geodataRecords(directory: URL) throws -> [DistrictRecord] {
        let geo = directory.appendingPathComponent("districts.geojson")
        return try Self.districtRecords(
            geoJSON: try Data(contentsOf: geo), source: geo.lastPathComponent,
            population: try? Data(contentsOf: directory.appendingPathComponent("district-population.csv")))
    }

    /// Upserts districts (by adcode) in one transaction.
    @discardableResult
    public func store(districts records: [DistrictRecord]) throws -> Int {
        try writer.write { db in
            let names = try db.makeStatement(sql: """
                INSERT INTO districts (adcode, name, pinyin, population) VALUES (?, ?, ?, ?)
                ON CONFLICT(adcode) DO UPDATE SET name = excluded.name, pinyin = excluded.pinyin,
                population = coalesce(excluded.population, districts.population)
                """)
            let outlines = try db.makeStatement(sql: """
                INSERT INTO district_outlines (adcode, geometry) VALUES (?, ?)
                ON CONFLICT(adcode) DO UPDATE SET geometry = excluded.geometry
                """)
            for r in records {
                try names.execute(arguments: [r.adcode, r.name, r.pinyin, r.population])
                try outlines.execute(arguments: [r.adcode, r.geometry])
            }
            return records.count
        }
    }

    /// Parses a districts FeatureCollection and an optional population CSV
    /// (`adcode,name,pinyin,population`) into records; the outlines are checked by building a
    /// ``DistrictMap`` from them.
    static func districtRecords(geoJSON: Data, source: String, population: Data?) throws -> [DistrictRecord] {
        _ = try DistrictMap(geoJSON: geoJSON, source: source)  // validates the outlines
        guard let root = try JSONSerialization.jsonObject(with: geoJSON) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else { throw StoreError.geodata("\(source): expected a FeatureCollection") }
        let people = try population.map { try populationByAdcode($0) } ?? [:]
        return try features.enumerated().map { i, f in
            guard let props = f["properties"] as? [String: Any], let adcode = props["adcode"] as? String,
                let name = props["name"] as? String, let geometry = f["geometry"]
            else { throw StoreError.geodata("\(source): features[\(i)] lacks adcode, name or geometry") }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: geometry), as: UTF8.self)
            return DistrictRecord(
                adcode: adcode, name: name, pinyin: props["pinyin"] as? String ?? adcode,
                population: people[adcode], geometry: text)
        }
    }

    /// Reads `adcode,name,pinyin,population` rows.
    static func populationByAdcode(_ data: Data) throws -> [String: Int] {
        let source = "district-population.csv"
        let text: ArraySlice<UInt8>
        do { text = try LedgerText.utf8Bytes([UInt8](data)) } catch {
            throw StoreError.geodata("\(source) \(error.reason)")
        }
        let (rows, syntax) = CSVReader.parse(text)
        if let s = syntax.first { throw StoreError.geodata("\(source), line \(s.line): \(s.reason)") }
        guard let header = rows.first?.fields.map({ $0.trimmingWhitespace() }),
            let a = header.firstIndex(of: "adcode"), let p = header.firstIndex(of: "population")
        else { throw StoreError.geodata("\(source): header must contain adcode and population") }
        var out: [String: Int] = [:]
        for row in rows.dropFirst() {
            guard row.fields.count == header.count, let n = Int(row.fields[p].trimmingWhitespace()), n >= 0 else {
                throw StoreError.geodata("\(source), line \(row.line): expected \(header.count) fields with a whole population")
            }
            out[row.fields[a].trimmingWhitespace()] = n
        }
        return out
    }
}
