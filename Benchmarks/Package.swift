// swift-tools-version: 6.1
// Release-build benchmarks, kept out of the main package so `swift test` never builds them.
// Run one with: swift run -c release --package-path Benchmarks <Name>
import PackageDescription

let package = Package(
    name: "StationFinderBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "StationFinder", path: "..")],
    targets: [
        .executableTarget(name: "HoursBench", dependencies: [.product(name: "StationCore", package: "StationFinder")]),
        .executableTarget(
            name: "NearestBench",
            dependencies: [
                .product(name: "StationCore", package: "StationFinder"),
                .product(name: "StationWire", package: "StationFinder"),
                .product(name: "StationStore", package: "StationFinder"),
            ]),
        .executableTarget(
            name: "StoreBench",
            dependencies: [
                .product(name: "StationCore", package: "StationFinder"),
                .product(name: "StationGeometry", package: "StationFinder"),
                .product(name: "StationStore", package: "StationFinder"),
            ]),
        .executableTarget(
            name: "AlongBench",
            dependencies: [
                .product(name: "StationCore", package: "StationFinder"),
                .product(name: "StationWire", package: "StationFinder"),
                .product(name: "StationGeometry", package: "StationFinder"),
                .product(name: "StationStore", package: "StationFinder"),
            ]),
        .executableTarget(
            name: "CoverageBench",
            dependencies: [
                .product(name: "StationCore", package: "StationFinder"),
                .product(name: "StationGeometry", package: "StationFinder"),
            ]),
        .executableTarget(
            name: "RecommendBench",
            dependencies: [
                .product(name: "StationCore", package: "StationFinder"),
                .product(name: "StationGeometry", package: "StationFinder"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
