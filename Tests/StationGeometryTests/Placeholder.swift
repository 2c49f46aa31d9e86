import Testing
@testable import StationGeometry

