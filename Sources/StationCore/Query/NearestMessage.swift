/// Somewhere a sentence is written piece by piece: a ``TextBuffer`` (a `String`), or a JSON string
/// value being written (``JSONWriter/StringPieces``), so one sentence template serves both.
public protocol TextPieces: ~Copyable {
    mutating func append(_ literal: StaticString)
    mutating func append(_ text: String)
    mutating func append(_ value: Int)
}

/// Text pieces gathered into a `String`.
struct TextBuffer: TextPieces {
    var text = ""
    mutating func append(_ literal: StaticString) { text += literal.description }
    mutating func append(_ text: String) { self.text += text }
    mutating func append(_ value: Int) { text += String(value) }
}

/// The one-sentence summary of a nearest-station answer.
///
/// Written through ``TextPieces`` rather than string interpolation: the HTTP answer writes the sentence
/// straight into its JSON, where building it as a `String` first was a measurable share of the request.
enum NearestMessage {
    static func write<T: TextPieces & ~Copyable>(_ a: NearestAnswer, into out: inout T) {
        if a.results.isEmpty {
            none(a, into: &out)
        } else {
            found(a, into: &out)
        }
    }

    static func text(_ a: NearestAnswer) -> String {
        var buffer = TextBuffer()
        write(a, into: &buffer)
        return buffer.text
    }

    private static func found<T: TextPieces & ~Copyable>(_ a: NearestAnswer, into out: inout T) {
        let n = a.results.count
        if n == 1 { out.append("1 station ") } else { out.append(n); out.append(" stations ") }
        condition(a.query, into: &out)
        out.append("; the nearest is ")
        station(a.results[0], into: &out)
        out.append(".")
    }

    private static func none<T: TextPieces & ~Copyable>(_ a: NearestAnswer, into out: inout T) {
        let q = a.query
        if a.candidatesIgnoringHours == 0 {
            out.append("No station")
            scope(q, into: &out)
            out.append(" matches the filters (")
            filters(q, into: &out)
            out.append("); try a larger distance or fewer filters.")
            return
        }
        out.append("No matching station")
        scope(q, into: &out)
        out.append(" is ")
        condition(q, into: &out)
        guard let first = a.alternatives.first else {
            out.append(", and none opens in the next 14 days.")
            return
        }
        out.append("; the soonest to open is ")
        station(first.station, into: &out)
        out.append(", at ")
        out.append(a.timeZone.local(epochSeconds: first.opensAtEpochSeconds).isoString)
        out.append(".")
    }

    /// `name (id), 250 m away`
    private static func station<T: TextPieces & ~Copyable>(_ r: NearestResult, into out: inout T) {
        out.append(r.name)
        out.append(" (")
        out.append(r.id)
        out.append("), ")
        metres(r.distanceMetres, into: &out)
        out.append(" away")
    }

    private static func scope<T: TextPieces & ~Copyable>(_ q: NearestQuery, into out: inout T) {
        guard let d = q.maxDistanceMetres else { return }
        out.append(" within ")
        metres(d, into: &out)
    }

    static func condition<T: TextPieces & ~Copyable>(_ q: NearestQuery, into out: inout T) {
        switch q.openPolicy {
        case .now:
            out.append("open now")
        case .arrival:
            out.append("open on arrival (")
            out.append(q.mode.rawValue)
            out.append(")")
            if q.minOpenMinutes != 0 {
                out.append(" for at least ")
                out.append(q.minOpenMinutes)
                out.append(" minutes")
            }
        }
    }

    static func filters<T: TextPieces & ~Copyable>(_ q: NearestQuery, into out: inout T) {
        let amenities = q.requiredAmenities.map(\.rawValue)
        if !amenities.isEmpty {
            out.append("amenities: ")
            out.append(amenities.joined(separator: ", "))
            out.append("; ")
        }
        if !q.grades.isEmpty {
            out.append("grades: ")
            out.append(q.grades.sorted().map(\.rawValue).joined(separator: ", "))
            out.append("; ")
        }
        if let member = q.memberOrganization {
            out.append("member of ")
            out.append(member)
        } else {
            out.append("public stations only")
        }
    }

    /// `250 m` below 10 km, `12.5 km` from there.
    static func metres<T: TextPieces & ~Copyable>(_ m: Double, into out: inout T) {
        if m < 10_000 {
            out.append(Int(m.rounded()))
            out.append(" m")
        } else if m < 1e15 {
            let tenths = Int((m / 100).rounded())
            out.append(tenths / 10)
            out.append(".")
            out.append(tenths % 10)
            out.append(" km")
        } else {
            // Beyond any distance on Earth (a caller's max_distance): too large for an Int.
            out.append("\(m / 1000) km")
        }
    }
}
