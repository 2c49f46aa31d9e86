/// Why a population raster cannot be used: names the file and the reason (GDAL's own message when it has one).
public struct RasterError: Error, Sendable, CustomStringConvertible, Equatable {
    /// File name of the raster.
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}
