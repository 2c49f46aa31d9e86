import ArgumentParser
import Foundation
import StationCore

/// `stationfinder hours`: evaluates an OSM opening_hours value (state and next change), or a stream
/// of `{"expr", "at"}` JSON lines with `--jsonl`.
struct HoursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hours",
        abstract: "Evaluate an opening_hours value: open, closed or unknown, and when that changes.",
        discussion: """
            One value:   stationfinder hours 'Mo-Fr 08:30-17:30; PH off' --at 2026-10-01T10:00 [--json]
            JSON lines:  stationfinder hours --jsonl < requests.jsonl
                         each input line {"expr": "...", "at": "YYYY-MM-DDTHH:MM"} ("at" optional, default now)
                         gives one output line {"state": "open"|"closed"|"unknown", "next_change": "YYYY-MM-DDTHH:MM" or null}
                         or {"error": "..."}; a bad line never stops the stream.
            Times without an offset are wall-clock times in --tz (default Asia/Shanghai). PH uses China's
            State Council holiday calendar (2025, 2026); in other years a PH rule that matters answers
            unknown and a warning goes to standard error.
            """
    )

    @Argument(help: "The opening_hours value, e.g. 'Mo-Fr 08:30-17:30; PH off'.") var expression: String?
    @Option(help: "Local time YYYY-MM-DDTHH:MM (an offset like +08:00 or Z is converted). Default: now.") var at: String?
    @Option(help: "Time zone identifier for local times and 'now'.") var tz: String = "Asia/Shanghai"
    @Flag(help: "Print the answer as JSON.") var json = false
    @Flag(help: "Read {\"expr\", \"at\"} JSON lines on standard input; write one answer line each.") var jsonl = false

    func validate() throws {
        if jsonl {
            guard expression == nil, at == nil else {
                throw ValidationError("--jsonl reads expressions and times from standard input; do not also give EXPR or --at.")
            }
        } else if expression == nil {
            throw ValidationError("Give an opening_hours value, e.g. stationfinder hours 'Mo-Fr 08:30-17:30; PH off', or use --jsonl.")
        }
        guard HoursTimeZone(identifier: tz) != nil else {
            throw ValidationError("--tz '\(tz)' is not a known time zone; use an IANA name like Asia/Shanghai, UTC or +08:00.")
        }
        if let at, Self.localTime(at, zone: .shanghai) == nil {
            throw ValidationError("--at '\(at)' is not a time like 2026-10-01T08:30.")
        }
    }

    /// Reads a time: wall clock in `zone`, or converted when it carries an offset.
    static func localTime(_ text: String, zone: HoursTimeZone) -> LocalDateTime? {
        guard let parsed = LocalDateTime(iso: text) else { return nil }
        let tail = text.count > 16 ? String(text.dropFirst(16)) : ""
        let hasOffset = tail.contains("Z") || tail.contains("z") || tail.contains("+") || tail.contains("-")
        guard hasOffset else { return parsed }
        // LocalDateTime(iso:) converted the offset to Asia/Shanghai wall time; move it to `zone`.
        return zone.local(epochSeconds: HoursTimeZone.shanghai.epochSeconds(parsed))
    }

    static func warning(_ hours: OpeningHours, at time: LocalDateTime) -> String? {
        guard hours.lacksHolidayData(at: time) else { return nil }
        let covered = HolidayCalendar.china.years.map { String($0.year) }.joined(separator: ", ")
        return "warning: the value uses PH but the holiday calendar has no data for \(time.year) (covered: \(covered)); "
            + "times a public holiday would change are reported as unknown"
    }

    func run() throws {
        let zone = HoursTimeZone(identifier: tz) ?? .shanghai
        if jsonl {
            runLines(zone: zone)
            return
        }
        let text = expression ?? ""
        let hours: OpeningHours
        do {
            hours = try OpeningHours.parse(text)
        } catch {
            var message = "error: invalid opening_hours at \(error.description)\n  \(text)\n"
            message += "  " + String(repeating: " ", count: max(0, error.position - 1)) + "^\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(2)
        }
        let now = zone.local(epochSeconds: Int64(Date().timeIntervalSince1970))
        let time = at.flatMap { Self.localTime($0, zone: zone) } ?? now
        let state = hours.state(at: time)
        let next = hours.nextChange(after: time)
        let nextState = next.map { hours.state(at: $0) }
        let warning = Self.warning(hours, at: time)
        if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        if json {
            var object: [String: Any] = [
                "expr": text, "at": time.isoString, "time_zone": zone.identifier, "state": state.rawValue,
                "next_change": next?.isoString ?? NSNull(), "next_state": nextState?.rawValue ?? NSNull(),
            ]
            if let warning { object["warning"] = warning }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("\(state.rawValue) at \(time.isoString) (\(zone.identifier))")
            if let next, let nextState {
                print("next change: \(next.isoString) -> \(nextState.rawValue)")
            } else {
                print("next change: none within \(OpeningHours.searchHorizonDays / 366) years")
            }
        }
    }

    struct Request: Decodable {
        var expr: String
        var at: String?
    }

    /// One answer line per input line; bad lines answer {"error": ...}.
    func runLines(zone: HoursTimeZone) {
        let decoder = JSONDecoder()
        var cache: [String: Result<OpeningHours, OpeningHoursError>] = [:]
        var warnedYears = Set<Int>()
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let request = try? decoder.decode(Request.self, from: Data(line.utf8)) else {
                emitError("line \(lineNumber): expected a JSON object like {\"expr\": \"Mo-Fr 08:00-18:00\", \"at\": \"2026-10-01T08:30\"}")
                continue
            }
            let time: LocalDateTime
            if let at = request.at {
                guard let parsed = Self.localTime(at, zone: zone) else {
                    emitError("line \(lineNumber): \"at\" must be a time like 2026-10-01T08:30, got \"\(at)\"")
                    continue
                }
                time = parsed
            } else {
                time = zone.local(epochSeconds: Int64(Date().timeIntervalSince1970))
            }
            let result: Result<OpeningHours, OpeningHoursError>
            if let cached = cache[request.expr] {
                result = cached
            } else {
                do { result = .success(try OpeningHours.parse(request.expr)) } catch { result = .failure(error) }
                if cache.count < 10_000 { cache[request.expr] = result }
            }
            switch result {
            case .failure(let error):
                emitError("line \(lineNumber): invalid opening_hours at \(error.description)")
            case .success(let hours):
                if let warning = Self.warning(hours, at: time), warnedYears.insert(time.year).inserted {
                    FileHandle.standardError.write(Data((warning + "\n").utf8))
                }
                let state = hours.state(at: time).rawValue
                let next = hours.nextChange(after: time).map { "\"\($0.isoString)\"" } ?? "null"
                print("{\"state\":\"\(state)\",\"next_change\":\(next)}")
            }
        }
    }

    func emitError(_ message: String) {
        let encoded = (try? JSONEncoder().encode(message)).map { String(decoding: $0, as: UTF8.self) } ?? "\"error\""
        print("{\"error\":\(encoded)}")
    }
}
