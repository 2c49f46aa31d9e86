import ArgumentParser
import Foundation
import StationCore

/// Reading the filter options nearest and along share, each bad value a sentence naming it.
enum QueryOptions {
    /// Amenities by English name or the importer's Chinese words, each option a list split by
    /// `,` `，` `;` `；` `、`.
    static func amenities(_ names: [String]) throws -> AmenitySet {
        var set = AmenitySet()
        for name in names.flatMap(VocabularyWords.listItems) {
            guard let a = VocabularyWords.amenity(name) else {
                throw ValidationError("unknown amenity '\(name)'; known: \(Amenity.vocabularyList)")
            }
            set.insert(a)
        }
        return set
    }

    static func grades(_ names: [String]) throws -> Set<Grade> {
        var set: Set<Grade> = []
        for name in names.flatMap(VocabularyWords.listItems) {
            guard let g = VocabularyWords.grade(name) else {
                throw ValidationError("unknown grade '\(name)'; use A, B or C")
            }
            set.insert(g)
        }
        return set
    }

    /// `now` or a Beijing local time, as epoch seconds.
    static func epochSeconds(_ at: String) throws -> Int64 {
        if at == "now" { return Int64(Date().timeIntervalSince1970) }
        guard let local = LocalDateTime(iso: at) else {
            throw ValidationError("cannot read --at '\(at)'; write YYYY-MM-DDTHH:MM (Beijing time), e.g. 2026-03-10T08:30, or 'now'")
        }
        return HoursTimeZone.shanghai.epochSeconds(local)
    }
}
