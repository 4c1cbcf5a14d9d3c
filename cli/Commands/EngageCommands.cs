using System.CommandLine;
using Engagement.Cli.Hosting;

namespace Engagement.Cli.Commands;

/// <summary>The command tree, built in one place so the program runs it and a test can walk every command in it.</summary>
internal static class EngageCommands
{
    public static RootCommand CreateRoot() => new("engage: measures whether a brand talks with people or only at them.")
    {
        DemoCommand.Create(),
        ServeCommand.Create(),
        ScoreCommand.Create(),
        ClientsCommand.Create(),
        ChannelsCommand.Create(),
        IngestCommand.Create(),
        ReportCommand.Create(),
        InboxCommand.Create(),
        RunsCommand.Create(),
        InteractionsCommand.Create(),
        LabelCommand.Create(),
        KeysCommand.Create(),
        EraseCommand.Create(),
        TrainCommand.Create(),
        CliErrors.Verbose,
    };

    /// <summary>Every command that runs something (no group), by its path under the root, such as "clients add".</summary>
    public static IEnumerable<(string Path, Command Command)> Leaves(Command command, string prefix = "")
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            if (sub.Subcommands.Count == 0)
            {
                yield return (path, sub);
            }
            else
            {
                foreach (var leaf in Leaves(sub, path))
                {
                    yield return leaf;
                }
            }
        }
    }
}
