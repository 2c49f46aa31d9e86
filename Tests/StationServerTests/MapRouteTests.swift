import Foundation
import Hummingbird
import HummingbirdTesting
@testable import StationServer
import Testing

/// `/map` and its files: the page, Leaflet from the package's directory, the message without it.
struct MapRouteTests {
    /// A stand-in for Debian's Leaflet directory with files of known bytes.
    static func leafletDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leaflet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data("/* leaflet.js under test */\n".utf8).write(to: directory.appendingPathComponent("leaflet.js"))
        try Data(".leaflet-container { }\n".utf8).write(to: directory.appendingPathComponent("leaflet.css"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: directory.appendingPathComponent("images/layers.png"))
        try Data("secret".utf8).write(to: directory.appendingPathComponent(".hidden"))
        return directory
    }

    func withMapApp(_ settings: MapSettings, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var services = try await TestLedger.services()
        services.map = settings
        let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.router) { client in try await body(client) }
    }

    @Test func rootRedirectsToTheMap() async throws {
        try await withMapApp(MapSettings(leafletDirectory: try Self.leafletDirectory().path)) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .found)
                #expect(response.headers[.location] == "/map")
            }
        }
    }

    @Test func servesThePageWithAPolicyThatKeepsScriptsOnThisServer() async throws {
        try await withMapApp(MapSettings(leafletDirectory: try Self.leafletDirectory().path)) { client in
            try await client.execute(uri: "/map", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains(#"<script src="/map/leaflet/leaflet.js"></script>"#))
                #expect(html.contains(#"<link rel="stylesheet" href="/map/leaflet/leaflet.css">"#))
                #expect(html.contains(#"data-ready="false""#))
                #expect(html.contains(#"data-tiles="""#))
                #expect(!html.contains("{{"))
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'"))
                #expect(policy.contains("script-src 'self';"))
                #expect(policy.contains("connect-src 'self';"))
                #expect(policy.contains("img-src 'self' data:;"))
            }
            try await client.execute(uri: "/map/assets/map.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body).contains("data-ready") || String(buffer: response.body).contains("dataset.ready"))
            }
            try await client.execute(uri: "/map/assets/map.css", method: .get) { response in
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
            try await client.execute(uri: "/map/assets/nothing.js", method: .get) { response in
                try expectError(response, status: .notFound, code: "not_found")
            }
        }
    }

    @Test func servesLeafletFromThePackageDirectory() async throws {
        let directory = try Self.leafletDirectory()
        try await withMapApp(MapSettings(leafletDirectory: directory.path)) { client in
            try await client.execute(uri: "/map/leaflet/leaflet.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body) == "/* leaflet.js under test */\n")
            }
            try await client.execute(uri: "/map/leaflet/images/layers.png", method: .get) { response in
                #expect(response.headers[.contentType] == "image/png")
                #expect(Array(buffer: response.body) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            }
            // Nothing outside plain file names: no dot files, no climbing out of the directory.
            for uri in ["/map/leaflet/.hidden", "/map/leaflet/..%2F..%2Fetc%2Fpasswd", "/map/leaflet/images/..%2Fleaflet.js",
                        "/map/leaflet/missing.js"] {
                try await client.execute(uri: uri, method: .get) { response in
                    try expectError(response, status: .notFound, code: "not_found")
                }
            }
        }
    }

    @Test func withoutTheLeafletPackageTheMapSaysWhichPackageToInstall() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-leaflet-\(UUID().uuidString)").path
        try await withMapApp(MapSettings(leafletDirectory: missing)) { client in
            for uri in ["/map", "/map/leaflet/leaflet.js"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let error = try errorObject(response, status: .serviceUnavailable, code: "map_unavailable")
                    let message = try #require(error["message"] as? String)
                    #expect(message.contains("libjs-leaflet"))
                    #expect(message.contains(missing + "/leaflet.js"))
                }
            }
        }
    }

    @Test func theDefaultLeafletDirectoryIsDebians() {
        #expect(MapSettings().leafletDirectory == "/usr/share/javascript/leaflet")
        #expect(MapSettings().tiles == nil)
    }

    @Test func aBasemapReachesThePageEscapedAndItsHostIsAllowedForImagesOnly() async throws {
        let tiles = try TileLayer(urlTemplate: "http://127.0.0.1:8081/{z}/{x}/{y}.png", attribution: "Tiles <b>&</b> data")
        try await withMapApp(MapSettings(leafletDirectory: try Self.leafletDirectory().path, tiles: tiles)) { client in
            try await client.execute(uri: "/map", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"data-tiles="http://127.0.0.1:8081/{z}/{x}/{y}.png""#))
                #expect(html.contains(#"data-tiles-attribution="Tiles &lt;b&gt;&amp;&lt;/b&gt; data""#))
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("img-src 'self' data: http://127.0.0.1:8081;"))
                #expect(policy.contains("connect-src 'self';"))
            }
        }
    }

    @Test func tileTemplatesAreChecked() throws {
        #expect(try TileLayer(urlTemplate: "https://{s}.tiles.example.org/{z}/{x}/{y}.png").origin == "https://*.tiles.example.org")
        #expect(try TileLayer(urlTemplate: "http://localhost:8081/{z}/{x}/{y}.png").attribution == "Basemap: http://localhost:8081")
        for (template, reason) in [
            ("ftp://example.org/{z}/{x}/{y}.png", "http:// or https://"),
            ("http://example.org/{z}/{x}.png", "no {y} placeholder"),
            ("http://example.org/{z}/{x}/{y}.png\" onload=\"x", "character '\\\"'"),
            ("http:///{z}/{x}/{y}.png", "no host"),
        ] {
            #expect {
                try TileLayer(urlTemplate: template)
            } throws: { error in
                (error as? TileLayerError)?.description.contains(reason) == true
            }
        }
    }
}
