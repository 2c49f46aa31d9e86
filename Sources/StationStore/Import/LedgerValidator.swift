import StationCore
import StationGeometry

/// Checks ledger records and turns the valid ones into WGS-84 ``Station`` values.
///
/// District rule: the point decides. A record without a district gets the one containing its
/// point; a record whose district names a known district that does not contain the point is
/// refused (either the point or the district is wrong, and the audit must not guess which);
/// a point outside every district is refused.
struct LedgerValidator {
    let crs: CoordinateSystem
    let districts: DistrictMap
    /// Opening-hours texts already checked, with the reason when invalid (nil: valid).
    private var hoursChecked: [String: String?] = [:]
    private var districtsMatched: [String: String?] = [:]

    init(crs: CoordinateSystem, districts: DistrictMap) {
        self.crs = crs
        self.districts = districts
    }

    /// The station for `r`, or nil after adding every problem found to `issues`.
    mutating func station(_ r: LedgerRecord, issues: inout IssueCollector) -> Station? {
        let before = issues.count
        func fail(_ f: LedgerField?, _ reason: String) { issues.add(r.issue(f, reason)) }

        func required(_ f: LedgerField) -> String? {
            guard let v = r[f] else {
                fail(f, "\(f.key) is required")
                return nil
            }
            return v
        }

        let id = required(.id)
        let name = required(.name)
        let location = point(r, fail: fail)

        var district: String?
        if let text = r[.district] {
            if let d = districtMatching(text) {
                district = d
            } else {
                fail(.district, "unknown district '\(text)'; expected an adcode 110101-110119, a Chinese name or pinyin")
            }
        }
        if let location {
            if let inside = districts.adcode(containing: location) {
                if let given = district, given != inside {
                    fail(.district, "district \(label(given)) was given but the point lies in \(label(inside)); fix the point or leave district empty to derive it")
                }
                district = inside
            }
        }

        var grade: Grade?
        if let t = required(.grade) {
            grade = VocabularyWords.grade(t)
            if grade == nil { fail(.grade, "unknown grade '\(t)'; expected A, B or C") }
        }
        let organization = r[.organization]
        if grade == .C && organization == nil {
            fail(.organization, "a grade C station admits one organization's members only, so organization is required")
        }

        var hostType = HostType.other
        if let t = r[.hostType] {
            if let h = VocabularyWords.hostType(t) { hostType = h } else {
                fail(.hostType, "unknown host_type '\(t)'; expected one of \(HostType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        let hours = required(.openingHours)
        if let hours, let reason = hoursProblem(hours) { fail(.openingHours, reason) }

        var amenities = AmenitySet()
        if let t = r[.amenities] {
            for word in VocabularyWords.amenityNames(t) {
                if let a = VocabularyWords.amenity(word) { amenities.insert(a) } else {
                    fail(.amenities, "unknown amenity '\(word)'; expected some of \(Amenity.vocabularyList), separated by ;")
                }
            }
        }

        var status = StationStatus.active
        if let t = r[.status] {
            if let s = VocabularyWords.status(t) { status = s } else {
                fail(.status, "unknown status '\(t)'; expected active, suspended or closed")
            }
        }

        var rating: Int?
        if let t = r[.rating] {
            let digits = t.hasSuffix("星") ? String(t.dropLast()) : t
            if let n = Int(digits), (0...5).contains(n) { rating = n } else {
                fail(.rating, "rating '\(t)' is not a whole number of stars from 0 to 5")
            }
        }

        var inspected: String?
        if let t = r[.lastInspected] {
            inspected = LedgerDate.iso(t)
            if inspected == nil { fail(.lastInspected, "'\(t)' is not a valid date; expected YYYY-MM-DD") }
        }

        guard issues.count == before, let id, let name, let location, let district, let grade, let hours else {
            return nil
        }
        return Station(
            id: id, name: name, lon: location.lon, lat: location.lat, address: r[.address], district: district,
            grade: grade, organization: organization, hostType: hostType, openingHours: hours,
            amenities: amenities, phone: r[.phone], status: status, rating: rating, lastInspected: inspected)
    }

    /// The WGS-84 point of a record, or nil after reporting why not.
    private func point(_ r: LedgerRecord, fail: (LedgerField?, String) -> Void) -> LonLat? {
        guard let lonText = r[.lon] else {
            fail(.lon, "lon is required")
            return nil
        }
        guard let latText = r[.lat] else {
            fail(.lat, "lat is required")
            return nil
        }
        guard let lon = Double(lonText) else {
            fail(.lon, "lon '\(lonText)' is not a number")
            return nil
        }
        guard let lat = Double(latText) else {
            fail(.lat, "lat '\(latText)' is not a number")
            return nil
        }
        if !lon.isFinite || !lat.isFinite {
            fail(lon.isFinite ? .lat : .lon, "coordinate is \(lon.isNaN || lat.isNaN ? "NaN" : "infinite"); expected degrees")
            return nil
        }
        let given = LonLat(lon: lon, lat: lat)
        let swapped = LonLat(lon: lat, lat: lon)
        if !(-90...90).contains(lat) {
            let hint = swapped.isValid ? "; lon and lat look swapped (lon \(lat), lat \(lon) would be valid)" : ""
            fail(.lat, "lat \(lat) is outside -90..90\(hint)")
            return nil
        }
        if !(-180...180).contains(lon) {
            fail(.lon, "lon \(lon) is outside -180..180")
            return nil
        }
        let wgs: LonLat
        do {
            wgs = try crs.toWGS84(given)
        } catch {
            let looksSwapped = (try? crs.toWGS84(swapped)).flatMap { districts.adcode(containing: $0) } != nil
            let why: String
            switch error {
            case .outsideChina: why = "point (lon \(lon), lat \(lat)) lies outside China, where \(crs.rawValue) is not defined; check --crs"
            case .outOfRange: why = error.description
            }
            fail(.lon, why + (looksSwapped ? "; lon and lat look swapped" : ""))
            return nil
        }
        if districts.adcode(containing: wgs) == nil {
            let swappedInside = (try? crs.toWGS84(swapped)).flatMap { districts.adcode(containing: $0) }
            if let d = swappedInside {
                fail(.lon, "point (lon \(lon), lat \(lat)) lies outside every district; lon and lat look swapped (swapped it falls in \(label(d)))")
            } else {
                fail(.lon, "point (lon \(lon), lat \(lat)) lies outside every district (\(crs.rawValue))")
            }
            return nil
        }
        return wgs
    }

    private func label(_ adcode: String) -> String {
        guard let d = districts.districts.first(where: { $0.adcode == adcode }) else { return adcode }
        return "\(adcode) \(d.name)"
    }

    /// The adcode a district cell names, cached per distinct text (name matching folds case
    /// and suffixes, too slow to repeat for every row).
    private mutating func districtMatching(_ text: String) -> String? {
        if let known = districtsMatched[text] { return known }
        let adcode = districts.district(matching: text)?.adcode
        districtsMatched[text] = .some(adcode)
        return adcode
    }

    /// The reason `text` is not valid opening hours, nil when it is; cached per distinct text.
    private mutating func hoursProblem(_ text: String) -> String? {
        if let known = hoursChecked[text] { return known }
        let reason = HoursCheck.problem(text)
        hoursChecked[text] = .some(reason)
        return reason
    }
}
