extension DistrictShape {
    /// The district's area in square kilometres, measured in its own azimuthal equidistant
    /// projection (the same measure coverage percentages are taken in).
    public func areaKm2() throws -> Double {
        try DistrictWorkspace(shape: self, context: GEOSContext()).areaSquareMetres / 1e6
    }
}
