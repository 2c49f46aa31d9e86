import StationCore
import StationGeometry

/// Opening hours for the benchmark's stations: each distinct text compiled once.
enum BenchSchedules {
    nonisolated(unsafe) private static var cache: [String: any StationSchedule] = [:]

    static func schedule(_ text: String) -> any StationSchedule {
        if let known = cache[text] { return known }
        let made: any StationSchedule = (try? OpeningHours.parse(text)).map { CompiledHours($0) } ?? NeverOpen()
        cache[text] = made
        return made
    }
}
