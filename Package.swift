// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "StationFinder",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stationfinder", targets: ["stationfinder"]),
        .library(name: "StationCore", targets: ["StationCore"]),
        .library(name: "StationGeometry", targets: ["StationGeometry"]),
        .library(name: "StationStore", targets: ["StationStore"]),
        .library(name: "StationApp", targets: ["StationApp"]),
        .library(name: "StationServer", targets: ["StationServer"]),
        .library(name: "StationWire", targets: ["StationWire"]),
        .library(name: "StationPostgres", targets: ["StationPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // Tests only: reads openapi.yaml to check it against the route table.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // Pure Swift, no I/O and no C: coordinates, CRS, stations, opening hours, spatial index.
        .target(name: "StationCore"),
        // The wire format at the edge: the one JSON writer and the answers' JSON (Server, Store, Geometry, CLI).
        .target(name: "StationWire", dependencies: ["StationCore"]),
        // libgeos_c, found through pkg-config (Debian: libgeos-dev).
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        // libglpk (Debian: libglpk-dev; no pkg-config file, the header is in /usr/include).
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        // GLPK behind a small Swift API: the linear-programming bound on site recommendations.
        .target(name: "StationOptimization", dependencies: ["StationCore", "CGLPK"]),
        // libgdal, found through pkg-config (Debian: libgdal-dev).
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        // GDAL behind a small Swift API: population rasters read as weighted WGS-84 points.
        .target(name: "StationRaster", dependencies: ["StationCore", "CGDAL"]),
        // GEOS behind a small Swift API: districts, coverage, gaps, GeoJSON.
        .target(name: "StationGeometry", dependencies: ["StationCore", "StationWire", "CGEOS", "StationOptimization", "StationRaster"],
                exclude: ["README.md"]),
        // SQLite (GRDB): schema, import, ledger history, API keys.
        .target(
            name: "StationStore",
            dependencies: [
                "StationCore", "StationWire", "StationGeometry",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // PostgreSQL (postgres-nio): the same ledger for any number of replicas, kept current by LISTEN/NOTIFY.
        .target(
            name: "StationPostgres",
            dependencies: [
                "StationCore", "StationStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The one application layer both front ends share: the ledger snapshot and its rebuild-and-swap,
        // field reports, opening a ledger by its --db text, and reading query input.
        .target(name: "StationApp", dependencies: [
            "StationCore", "StationGeometry", "StationStore", "StationPostgres",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Hummingbird application: routes, auth, metrics, OpenAPI document.
        .target(
            name: "StationServer",
            dependencies: [
                "StationCore", "StationWire", "StationGeometry", "StationStore", "StationApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "stationfinder",
            dependencies: [
                "StationCore", "StationWire", "StationGeometry", "StationStore", "StationApp", "StationServer", "StationPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "StationCoreTests", dependencies: ["StationCore"]),
        .testTarget(name: "StationWireTests", dependencies: ["StationWire"]),
        .testTarget(name: "StationGeometryTests", dependencies: ["StationGeometry"]),
        .testTarget(name: "StationAppTests", dependencies: ["StationApp"]),
        .testTarget(name: "StationOptimizationTests", dependencies: ["StationOptimization"]),
        .testTarget(name: "StationRasterTests", dependencies: ["StationRaster", "StationGeometry"]),
        .testTarget(
            name: "StationStoreTests",
            dependencies: ["StationStore", "StationApp", "StationPostgres", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "StationServerTests",
            dependencies: [
                "StationServer", "StationApp", "StationPostgres",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Runs the built `stationfinder` binary as a person would and checks its output and exit status.
        .testTarget(name: "StationFinderCLITests", dependencies: ["stationfinder"]),
    ],
    swiftLanguageModes: [.v6]
)
