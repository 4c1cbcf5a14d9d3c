using System.CommandLine;
using Engagement.Cli.Commands;
using Engagement.Cli.Hosting;
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
    TrainCommand.Create(),
    CliErrors.Verbose,
};

// No response files: a leading '@' is how people write handles ("@user grazie!"), not a file to read arguments from.
// Faults become one line that says what to do; --verbose adds the details.
return await CliErrors.InvokeAsync(root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }));
