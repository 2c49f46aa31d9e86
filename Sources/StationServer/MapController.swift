import Foundation
import HTTPTypes
import Hummingbird

/// `/map`: the planners' and auditors' web map, and `/` redirecting to it.
///
/// The page is this package's own HTML, CSS and JavaScript (``MapAssets``) on top of Leaflet,
/// which is served from the files Debian's `libjs-leaflet` package installs, never from a copy
/// or a CDN. Without the package `/map` says so (503) instead of serving a broken page.
struct MapController: Sendable {
    let settings: MapSettings


    func addRoutes(to router: Router<StationRequestContext>) {
        router.add(.root, use: redirectToMap)
        router.add(.map, use: page)
        router.add(.mapAsset, use: asset)
        router.add(.leafletFile, use: leafletFile)
        router.add(.leafletImage, use: leafletImage)
    }

    @Sendable func redirectToMap(_ request: Request, context: StationRequestContext) async throws -> Response {
        Response(status: .found, headers: [.location: "/map"])
    }

    @Sendable func page(_ request: Request, context: StationRequestContext) async throws -> Response {
        try requireLeaflet()
        guard let html = MapAssets.page(tiles: settings.tiles) else {
            throw APIError(.internalServerError, code: "internal", message: "the map page is missing from this build's resources")
        }
        var response = Response.text(html, contentType: MapAssets.contentType(of: "index.html"))
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[.cacheControl] = "no-cache"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }

    @Sendable func asset(_ request: Request, context: StationRequestContext) async throws -> Response {
        let name = try context.parameters.require("file")
        guard MapAssets.isPlainFileName(name), name != "index.html", let data = MapAssets.files[name] else {
            throw APIError.notFound("no map file '\(name)'")
        }
        return fileResponse(data, name: name)
    }

    @Sendable func leafletFile(_ request: Request, context: StationRequestContext) async throws -> Response {
        try await leaflet(try context.parameters.require("file"), in: "")
    }

    @Sendable func leafletImage(_ request: Request, context: StationRequestContext) async throws -> Response {
        try await leaflet(try context.parameters.require("file"), in: "images/")
    }

    /// A file of the installed Leaflet package, read from disk on each request (so installing the
    /// package while the server runs is enough).
    private func leaflet(_ name: String, in subdirectory: String) async throws -> Response {
        try requireLeaflet()
        guard MapAssets.isPlainFileName(name) else { throw APIError.notFound("no Leaflet file '\(subdirectory)\(name)'") }
        let path = settings.leafletDirectory + "/" + subdirectory + name
        let data = try await offload { FileManager.default.contents(atPath: path) }
        guard let data else { throw APIError.notFound("no Leaflet file '\(subdirectory)\(name)' in \(settings.leafletDirectory)") }
        return fileResponse(data, name: name)
    }

    /// Fails with 503 naming the Debian package when Leaflet is not installed.
    func requireLeaflet() throws {
        let directory = settings.leafletDirectory
        for file in ["leaflet.js", "leaflet.css"] where !FileManager.default.isReadableFile(atPath: directory + "/" + file) {
            throw APIError(.serviceUnavailable, code: "map_unavailable", message:
                "the map needs Leaflet from the Debian package \(MapSettings.leafletPackage), and \(directory)/\(file) "
                + "is missing; install it (apt-get install \(MapSettings.leafletPackage)) and reload")
        }
    }

    /// Scripts, styles and data only from this server; images also from the basemap's host.
    var contentSecurityPolicy: String {
        let tiles = settings.tiles.map { " " + $0.origin } ?? ""
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:\(tiles); "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    private func fileResponse(_ data: Data, name: String) -> Response {
        var response = Response.json(data, contentType: MapAssets.contentType(of: name))
        response.headers[.cacheControl] = "no-cache"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
