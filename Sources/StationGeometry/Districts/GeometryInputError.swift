/// Bad geometry input (GeoJSON, CSV): names the source, the feature or line, and the reason.
public struct GeometryInputError: Error, Sendable, CustomStringConvertible, Equatable {
    /// File name or other label of the input.
    public var source: String
    /// Where in the input: "feature 3", "line 12", ...
    public var location: String?
    public var reason: String

    public init(source: String, location: String? = nil, reason: String) {
        self.source = source
        self.location = location
        self.reason = reason
    }

    public var description: String {
        if let location { return "\(source): \(location): \(reason)" }
        return "\(source): \(reason)"
    }
}
