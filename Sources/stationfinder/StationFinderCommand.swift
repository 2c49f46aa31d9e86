import ArgumentParser

/// The `stationfinder` command: one subcommand per file in this folder, each thin.
@main
struct StationFinderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stationfinder",
        abstract: "Find open rest stations for outdoor workers and audit where the network leaves them uncovered.",
        subcommands: StationFinderCommand.allSubcommands
    )

    /// Every subcommand, in the order `--help` lists them. Add a new command's type here.
    static let allSubcommands: [any ParsableCommand.Type] = [
        CRSCommand.self,
        SetupCommand.self,
        ImportCommand.self,
        ValidateCommand.self,
        StationsCommand.self,
        KeysCommand.self,
        CoverageCommand.self,
        GapsCommand.self,
        ProfileCommand.self,
        ExportCommand.self,
        HoursCommand.self,
        ServeCommand.self,
        NearestCommand.self,
        AlongCommand.self,
        ReportsCommand.self,
    ]
}
