import StationCore
import StationWire

/// Field-by-field comparison of two versions of a station, as the `changes` object of a history entry:
/// each changed field (snake_case, as in the station JSON) with `[old, new]`, old null on insert and
/// new null on delete. Written straight into one buffer: history is written once per imported row,
/// where JSONEncoder would dominate the import time.
package enum StationDiff {
    /// The `changes` JSON object between `old` and `new` (either may be nil), or nil when nothing differs.
    package static func changesJSON(old: Station?, new: Station?) -> String? {
        if let old, let new, old == new { return nil }
        var object = ChangesObject(onlyDifferences: old != nil && new != nil)
        object.text("name", old?.name, new?.name)
        object.number("lon", old?.lon, new?.lon)
        object.number("lat", old?.lat, new?.lat)
        object.text("address", old?.address, new?.address)
        object.text("district", old?.district, new?.district)
        object.text("grade", old?.grade.rawValue, new?.grade.rawValue)
        object.text("organization", old?.organization, new?.organization)
        object.text("host_type", old?.hostType.rawValue, new?.hostType.rawValue)
        object.text("opening_hours", old?.openingHours, new?.openingHours)
        object.amenities(old?.amenities, new?.amenities)
        object.text("phone", old?.phone, new?.phone)
        object.text("status", old?.status.rawValue, new?.status.rawValue)
        object.number("rating", old?.rating.map(Double.init), new?.rating.map(Double.init))
        object.text("last_inspected", old?.lastInspected, new?.lastInspected)
        return object.finish()
    }
}

/// The `changes` object being written: one `"field":[old,new]` member per field that differs.
private struct ChangesObject: ~Copyable {
    private var writer = JSONWriter(capacity: 512)
    /// Both versions exist: equal fields are left out (an insert or a delete lists every field).
    private let onlyDifferences: Bool
    private var isEmpty = true

    init(onlyDifferences: Bool) {
        self.onlyDifferences = onlyDifferences
        writer.beginObject()
    }

    mutating func text(_ field: StaticString, _ old: String?, _ new: String?) {
        guard begin(field, same: old == new) else { return }
        writer.string(old)
        writer.string(new)
        writer.endArray()
    }

    mutating func number(_ field: StaticString, _ old: Double?, _ new: Double?) {
        guard begin(field, same: old == new) else { return }
        writer.number(old)
        writer.number(new)
        writer.endArray()
    }

    mutating func amenities(_ old: AmenitySet?, _ new: AmenitySet?) {
        guard begin("amenities", same: old == new) else { return }
        for set in [old, new] {
            if let set { writer.amenities(set) } else { writer.null() }
        }
        writer.endArray()
    }

    /// The text, or nil when two versions were compared and nothing differed.
    consuming func finish() -> String? {
        if onlyDifferences && isEmpty { return nil }
        writer.endObject()
        return writer.text
    }

    /// Opens the member's `[old, new]` array unless the field is to be left out.
    private mutating func begin(_ field: StaticString, same: Bool) -> Bool {
        if onlyDifferences && same { return false }
        isEmpty = false
        writer.key(field)
        writer.beginArray()
        return true
    }
}
