import ArgumentParser
import Foundation
import StationApp
import StationCore
import StationGeometry

/// The CLI's side of ``QueryInput``: the same reader the HTTP API uses, with the options spelled
/// as the command line spells them and the present time read here, at the edge.
enum QueryOptions {
    /// The present, as the CLI answers "now".
    static func nowEpochSeconds() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }

    /// Amenities by English name or the importer's Chinese words, each option a list split by
    /// `,` `，` `;` `；` `、`.
    static func amenities(_ names: [String]) throws -> AmenitySet {
        try QueryInput.amenities(names, field: "amenity")
    }

    static func grades(_ names: [String]) throws -> Set<Grade> {
        try QueryInput.grades(names, field: "grade")
    }

    /// `now` or a Beijing local time, as epoch seconds; `option` names the flag in the message.
    static func epochSeconds(_ at: String?, option: String = "--at") throws -> Int64 {
        try QueryInput.instant(at, field: "at", label: option, nowEpochSeconds: nowEpochSeconds())
    }

    /// The coverage time for `--at` / `--any-time` (default: now): the instant, or the week holding it.
    static func coverageTime(at: String?, anyTime: Bool) throws -> CoverageTime {
        try QueryInput.coverageTime(at: at, anyTime: anyTime, label: "--at", anyTimeLabel: "--any-time",
                                    nowEpochSeconds: nowEpochSeconds())
    }

    /// Noon of `--date` (YYYY-MM-DD, Beijing), or now.
    static func day(_ date: String?) throws -> Int64 {
        try QueryInput.day(date, field: "date", label: "--date", nowEpochSeconds: nowEpochSeconds())
    }
}
