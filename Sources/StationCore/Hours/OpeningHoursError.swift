/// Why an opening_hours value could not be read, and where.
public struct OpeningHoursError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based position of the offending character (text length + 1 for "ended too early").
    public var position: Int
    /// A sentence a data clerk can act on.
    public var reason: String

    public init(position: Int, reason: String) {
        self.position = position
        self.reason = reason
    }

    public var description: String { "character \(position): \(reason)" }
}
