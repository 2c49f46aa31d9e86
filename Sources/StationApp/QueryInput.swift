import StationCore
import StationGeometry

/// A value a caller typed that cannot be used: the field as the API names it, and a sentence that
/// says what was expected. The server answers it as a 400 naming `field`; the CLI prints it with
/// the command's usage.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

/// The one reader of query input both front ends use: times, days, amenities and grades, each
/// bad value an ``InputError``. `label` is how the front end spells the field in sentences
/// (`'at'` for HTTP, `--at` for the CLI); `now` is the caller's present time (the core reads no clock).
public enum QueryInput {
    /// An instant: absent or `now` is `nowEpochSeconds`; otherwise Beijing wall time
    /// `YYYY-MM-DDTHH:MM` (or with an offset, `+08:00`, `Z`).
    public static func instant(_ text: String?, field: String = "at", label: String? = nil,
                               nowEpochSeconds: Int64) throws(InputError) -> Int64 {
        guard let text, text != "now" else { return nowEpochSeconds }
        return HoursTimeZone.shanghai.epochSeconds(try localTime(text, field: field, label: label))
    }

    /// A local Beijing wall time `YYYY-MM-DDTHH:MM` (an offset is converted to Beijing time).
    public static func localTime(_ text: String, field: String = "at", label: String? = nil) throws(InputError) -> LocalDateTime {
        guard let value = LocalDateTime(iso: text) else {
            throw InputError(field: field, message: "\(label ?? "'\(field)'") must be 'now' or a local time YYYY-MM-DDTHH:MM "
                + "(Beijing time, or with +08:00/Z), e.g. 2026-03-10T08:30; got '\(text)'")
        }
        return value
    }

    /// Noon of a day written `YYYY-MM-DD` (Beijing), as epoch seconds; absent: `nowEpochSeconds`.
    public static func day(_ text: String?, field: String = "date", label: String? = nil,
                           nowEpochSeconds: Int64) throws(InputError) -> Int64 {
        guard let text else { return nowEpochSeconds }
        guard text.count == 10, let noon = LocalDateTime(iso: text + "T12:00") else {
            throw InputError(field: field, message: "\(label ?? "'\(field)'") must be a day YYYY-MM-DD, got '\(text)'")
        }
        return HoursTimeZone.shanghai.epochSeconds(noon)
    }

    /// What a coverage question is about: the instant `at`, or with `anyTime` the whole week
    /// (Monday 00:00 Beijing) holding it. Both given is refused.
    public static func coverageTime(at text: String?, anyTime: Bool, field: String = "at", label: String? = nil,
                                    anyTimeLabel: String = "any_time", nowEpochSeconds: Int64) throws(InputError) -> CoverageTime {
        if anyTime && text != nil {
            throw InputError(field: "any_time", message: "give either \(label ?? field) or \(anyTimeLabel), not both")
        }
        let at = try instant(text, field: field, label: label, nowEpochSeconds: nowEpochSeconds)
        return anyTime ? .anyTimeInWeek(startingEpochSeconds: LocalWeek.mondayStart(containing: at)) : .at(epochSeconds: at)
    }

    /// Amenities by English name or the importer's Chinese words (`厕所`); each item may itself be
    /// a list split by `,` `，` `;` `；` `、`.
    public static func amenities(_ items: [String], field: String = "amenities") throws(InputError) -> AmenitySet {
        var set = AmenitySet()
        for item in items.flatMap(VocabularyWords.listItems) {
            guard let amenity = VocabularyWords.amenity(item) else {
                throw InputError(field: field, message: "unknown amenity '\(item)'; known: \(Amenity.vocabularyList)")
            }
            set.insert(amenity)
        }
        return set
    }

    /// Grades `A`, `B`, `C` (or their Chinese words), lists allowed as for amenities.
    public static func grades(_ items: [String], field: String = "grades") throws(InputError) -> Set<Grade> {
        var set = Set<Grade>()
        for item in items.flatMap(VocabularyWords.listItems) {
            guard let grade = VocabularyWords.grade(item) else {
                throw InputError(field: field, message: "unknown grade '\(item)'; expected A, B or C")
            }
            set.insert(grade)
        }
        return set
    }
}
