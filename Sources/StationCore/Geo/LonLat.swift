/// A point on the Earth as longitude and latitude in degrees, longitude first (GeoJSON order).
///
/// The coordinate system is not part of the value: everything the core stores is WGS-84, and
/// ``CoordinateSystem`` converts points that arrive in GCJ-02 or BD-09.
public struct LonLat: Hashable, Sendable, Codable {
    public var lon: Double
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// True when both values are finite and within ±180° longitude, ±90° latitude.
    public var isValid: Bool {
        lon.isFinite && lat.isFinite && (-180...180).contains(lon) && (-90...90).contains(lat)
    }
}
