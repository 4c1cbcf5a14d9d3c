using System.CommandLine;
using Engagement.Cli.Commands;
using Spectre.Console;

// Redirected output has no width of its own; give tables room rather than wrapping every cell.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

var root = new RootCommand("engage: measures whether a brand talks with people or only at them.")
{
    DemoCommand.Create(),
    ServeCommand.Create(),
    ScoreCommand.Create(),
    ClientsCommand.Create(),
    ChannelsCommand.Create(),
    IngestCommand.Create(),
    ReportCommand.Create(),
    RunsCommand.Create(),
    InteractionsCommand.Create(),
    LabelCommand.Create(),
    KeysCommand.Create(),
    EraseCommand.Create(),
    TrainCommand.Create(),
};

// No response files: a leading '@' is how people write handles ("@user grazie!"), not a file to read arguments from.
return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();
