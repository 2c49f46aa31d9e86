import Foundation

extension JSONEncoder {
    /// Stable key order, so answers diff cleanly.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
