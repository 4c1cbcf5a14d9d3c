using System.CommandLine;
using Engagement.Cli.Commands;
using Engagement.Cli.Hosting;
using Spectre.Console;

// Redirected output has no width of its own; give tables room rather than wrapping every cell.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

var root = EngageCommands.CreateRoot();

// No response files: a leading '@' is how people write handles ("@user grazie!"), not a file to read arguments from.
// Faults become one line that says what to do; --verbose adds the details.
return await CliErrors.InvokeAsync(root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }));
