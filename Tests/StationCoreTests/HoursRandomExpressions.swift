@testable import StationCore

/// Seeded random opening_hours expressions for property tests (weekdays, PH, months, dates,
/// weeks, overnight spans, open ends, all three rule joins).
enum HoursRandomExpressions {
    static let weekdays = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func pick<T>(_ items: [T], _ rng: inout SplitMix64) -> T { items[Int(rng.next() % UInt64(items.count))] }
    static func chance(_ p: Double, _ rng: inout SplitMix64) -> Bool { rng.nextUnit() < p }
    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    static func clock(_ minutes: Int) -> String { "\(two(minutes / 60)):\(two(minutes % 60))" }

    static func expression(_ rng: inout SplitMix64, weeklyOnly: Bool = false) -> String {
        var text = ""
        let count = 1 + Int(rng.next() % 3)
        for r in 0..<count {
            if r > 0 { text += chance(0.6, &rng) ? "; " : (chance(0.75, &rng) ? ", " : " || ") }
            var parts: [String] = []
            if !weeklyOnly, chance(0.25, &rng) {
                switch rng.next() % 5 {
                case 0: parts.append("\(pick(months, &rng))-\(pick(months, &rng))")
                case 1: parts.append("\(pick(months, &rng)) \(two(1 + Int(rng.next() % 20)))-\(two(21 + Int(rng.next() % 7)))")
                case 2: parts.append("week \(two(1 + Int(rng.next() % 30)))-\(two(31 + Int(rng.next() % 22)))/\(1 + rng.next() % 3)")
                case 3: parts.append("2026 \(pick(months, &rng)) \(two(1 + Int(rng.next() % 28)))-2026 \(pick(months, &rng)) \(two(1 + Int(rng.next() % 28)))")
                default: parts.append("\(pick(months, &rng)) \(two(1 + Int(rng.next() % 28)))")
                }
            }
            if chance(0.7, &rng) {
                switch rng.next() % 6 {
                case 0: parts.append("PH")
                case 1: parts.append("\(pick(weekdays, &rng)),\(pick(weekdays, &rng))")
                case 2 where !weeklyOnly: parts.append("\(pick(weekdays, &rng))[\(chance(0.5, &rng) ? "-1" : String(1 + rng.next() % 4))]")
                default: parts.append("\(pick(weekdays, &rng))-\(pick(weekdays, &rng))")
                }
            }
            if chance(0.75, &rng) {
                var spans: [String] = []
                for _ in 0..<(1 + Int(rng.next() % 2)) {
                    let start = Int(rng.next() % 288) * 5
                    let length = 5 + Int(rng.next() % 240) * 5
                    let end = start + length
                    if chance(0.1, &rng) {
                        spans.append(clock(start) + "+")
                    } else if end > 1440, chance(0.5, &rng) {
                        spans.append(clock(start) + "-" + clock(end))            // 22:00-26:00
                    } else {
                        spans.append(clock(start) + "-" + clock(end % 1440 == 0 && end > 0 ? 1440 : end % 1440))
                    }
                }
                parts.append(spans.joined(separator: ","))
            }
            if chance(0.3, &rng) { parts.append(pick(["off", "unknown", "open", "closed"], &rng)) }
            if chance(0.05, &rng) { parts.append("\"call first\"") }
            if parts.isEmpty { parts.append(pick(["24/7", "off", "open"], &rng)) }
            text += parts.joined(separator: " ")
        }
        return text
    }
}
