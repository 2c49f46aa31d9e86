import Testing
@testable import StationServer

