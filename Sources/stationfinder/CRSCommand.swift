import ArgumentParser
import StationCore

/// `stationfinder crs`: converts one point between WGS-84, GCJ-02 and BD-09.
struct CRSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crs",
        abstract: "Convert a point between wgs84, gcj02 and bd09."
    )

    @Option(help: "Longitude in degrees.") var lon: Double
    @Option(help: "Latitude in degrees.") var lat: Double
    @Option(help: "System of the input point: wgs84, gcj02 or bd09.") var from: CoordinateSystem
    @Option(help: "System to convert to: wgs84, gcj02 or bd09.") var to: CoordinateSystem

    func run() throws {
        let wgs: LonLat
        do {
            wgs = try from.toWGS84(LonLat(lon: lon, lat: lat))
        } catch {
            throw ValidationError(error.description)
        }
        let out = to.fromWGS84(wgs)
        print("\(out.lon) \(out.lat)")
    }
}

extension CoordinateSystem: ExpressibleByArgument {}
