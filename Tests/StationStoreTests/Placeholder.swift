import Testing
@testable import StationStore

