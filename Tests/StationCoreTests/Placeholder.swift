import Testing
@testable import StationCore

