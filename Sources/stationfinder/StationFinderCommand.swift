import ArgumentParser
import Foundation
import StationApp

/// The `stationfinder` command: one subcommand per file in this folder, each thin.
@main
struct StationFinderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stationfinder",
        abstract: "Find open rest stations for outdoor workers and audit where the network leaves them uncovered.",
        version: StationFinderVersion.current,
        subcommands: StationFinderCommand.allSubcommands
    )

    /// Every subcommand, in the order `--help` lists them: the workers' questions first, then the
    /// ledger, the planners' analyses and the operators' tools. Add a new command's type here.
    static let allSubcommands: [any ParsableCommand.Type] = [
        NearestCommand.self,
        AlongCommand.self,
        ReportsCommand.self,
        HoursCommand.self,
        StationsCommand.self,
        ImportCommand.self,
        ValidateCommand.self,
        SetupCommand.self,
        CoverageCommand.self,
        GapsCommand.self,
        ProfileCommand.self,
        ExportCommand.self,
        MapLayersCommand.self,
        RecommendCommand.self,
        KeysCommand.self,
        MigrateCommand.self,
        CRSCommand.self,
        ServeCommand.self,
    ]

    /// Parses and runs like ArgumentParser's own `main`, except that a bad value found while a
    /// subcommand runs is reported with that subcommand's usage (`stationfinder nearest ...`),
    /// not the top-level one.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError {
            usageFailure(error.message, command: command)
        } catch let error as InputError {
            usageFailure(error.message, command: command)
        } catch {
            exit(withError: error)
        }
    }

    /// Reports a bad value found while `command` ran, with that subcommand's usage, and exits.
    static func usageFailure(_ message: String, command: any ParsableCommand) -> Never {
        let subcommand = type(of: command)
        let name = subcommand.configuration.commandName ?? ""
        let text = "Error: \(message)\nUsage: \(usageString(for: subcommand))\n"
            + "  See 'stationfinder \(name) --help' for more information.\n"
        FileHandle.standardError.write(Data(text.utf8))
        Foundation.exit(ExitCode.validationFailure.rawValue)
    }
}

/// The version `--version` prints.
enum StationFinderVersion {
    static let current = "2.0.0"
}
