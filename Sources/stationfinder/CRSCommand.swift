import ArgumentParser
import Foundation
import StationCore

/// `stationfinder crs`: converts one point, or every coordinate of a GeoJSON file, between
/// WGS-84, GCJ-02 and BD-09.
struct CRSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crs",
        abstract: "Convert a point or a GeoJSON file between wgs84, gcj02 and bd09.",
        discussion: """
            Point mode: stationfinder crs --lon 116.384047 --lat 39.913345 --from gcj02 --to wgs84

            GeoJSON mode: stationfinder crs --geojson in.geojson --out out.geojson --from gcj02 --to wgs84

            In GeoJSON mode every position under a `coordinates` member is converted (altitudes are kept), \
            coordinates are rounded to --decimals places, `bbox` members are dropped, and the output is \
            written to a temporary file that is then renamed over --out, so --out is never half-written.
            """
    )

    @Option(help: "Longitude in degrees (point mode).") var lon: Double?
    @Option(help: "Latitude in degrees (point mode).") var lat: Double?
    @Option(help: "GeoJSON file to convert (file mode).") var geojson: String?
    @Option(help: "Output file for --geojson (may equal the input).") var out: String?
    @Option(help: "Decimal places of converted GeoJSON coordinates.") var decimals: Int = 7
    @Option(help: "System of the input: wgs84, gcj02 or bd09.") var from: CoordinateSystem
    @Option(help: "System to convert to: wgs84, gcj02 or bd09.") var to: CoordinateSystem

    func validate() throws {
        if geojson != nil {
            guard out != nil else { throw ValidationError("--geojson needs --out FILE for the converted document.") }
            guard lon == nil, lat == nil else { throw ValidationError("Give either --geojson or --lon/--lat, not both.") }
            guard (0...12).contains(decimals) else { throw ValidationError("--decimals must be within 0...12.") }
        } else {
            guard lon != nil, lat != nil else {
                throw ValidationError("Give --lon and --lat for one point, or --geojson IN --out OUT for a file.")
            }
        }
    }

    func run() throws {
        if let input = geojson, let output = out {
            try convertFile(input: input, output: output)
            return
        }
        guard let lon, let lat else { return }
        let wgs: LonLat
        do {
            wgs = try from.toWGS84(LonLat(lon: lon, lat: lat))
        } catch {
            throw ValidationError(error.description)
        }
        let point = to.fromWGS84(wgs)
        print("\(point.lon) \(point.lat)")
    }

    private func convertFile(input: String, output: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: input))
        } catch {
            throw CRSFileError("\(input): cannot read the file (\(error.localizedDescription)).")
        }
        let document: JSONTree
        do {
            document = try JSONDecoder().decode(JSONTree.self, from: data)
        } catch {
            throw CRSFileError("\(input): not valid JSON (\(Self.describe(error))).")
        }
        let converter = GeoJSONReprojection(from: from, to: to, decimals: decimals)
        let outcome: GeoJSONReprojection.Outcome
        do {
            outcome = try converter.convert(document)
        } catch {
            throw CRSFileError("\(input): \(error.description)")
        }
        try Self.writeAtomically(outcome.document.serialized(), to: output)
        print("converted \(outcome.positionCount) positions from \(from.rawValue) to \(to.rawValue): \(input) -> \(output)")
    }

    /// Writes `text` to a temporary file beside `path`, then renames it over `path`, so that a
    /// reader sees either the old file or the complete new one.
    private static func writeAtomically(_ text: String, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let temp = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(text.utf8).write(to: temp)
        } catch {
            throw CRSFileError("\(path): cannot write the temporary file \(temp.path) (\(error.localizedDescription)).")
        }
        guard rename(temp.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw CRSFileError("\(path): cannot rename the temporary file into place (\(reason)).")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}

/// A GeoJSON conversion failure: names the file (and member path) and the reason.
struct CRSFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension CoordinateSystem: ExpressibleByArgument {}
