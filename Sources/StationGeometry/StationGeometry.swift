/// GEOS-backed geometry: districts, coverage, gaps and GeoJSON maps.
public enum StationGeometryModule {}
