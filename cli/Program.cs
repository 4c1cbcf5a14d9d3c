using System.CommandLine;
using Engagement.Cli.Commands;

var root = new RootCommand("engage: measures whether a brand talks with people or only at them.")
{
    DemoCommand.Create(),
    ServeCommand.Create(),
    ScoreCommand.Create(),
    ClientsCommand.Create(),
    IngestCommand.Create(),
    ReportCommand.Create(),
    TrainCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
