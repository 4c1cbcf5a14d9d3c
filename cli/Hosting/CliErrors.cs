using System.CommandLine;
using System.Text.Json;
using Azure;
using Engagement.Http;

namespace Engagement.Cli.Hosting;

/// <summary>
/// The one place a command's unhandled fault becomes words: one line on stderr that says what happened and what to
/// do, exit code 1 (130 when cancelled); <c>--verbose</c> adds the exception with its stack.
/// </summary>
internal static class CliErrors
{
    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "On an error, show its details (type, stack) after the one-line message.", Recursive = true };

    public static async Task<int> InvokeAsync(ParseResult parse)
    {
        // A command line that does not parse is said in one line too, with where to look, not the whole help.
        if (parse.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: {string.Join("; ", parse.Errors.Select(e => e.Message))} (--help shows the usage)").ConfigureAwait(false);
            return 1;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync("error: " + Describe(e)).ConfigureAwait(false);
            if (parse.GetValue(Verbose))
            {
                await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return 1;
        }
    }

    /// <summary>One line for a refused API answer: its detail, then each field's problem, never the JSON.</summary>
    public static string Describe(ApiResult result) => result.Body switch
    {
        Problem { Errors: { Count: > 0 } errors } => OneLine(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
        Problem problem => OneLine(problem.Detail),
        _ => $"the request failed with status {result.Status}",
    };

    /// <summary>One line for a fault: what happened, then what to do; never a type name, a stack or raw JSON.</summary>
    public static string Describe(Exception exception) => OneLine(exception switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Describe(aggregate.InnerExceptions[^1]),
        FileNotFoundException { FileName: { } file } => $"there is no file '{file}': check the path",
        FileNotFoundException or DirectoryNotFoundException => $"{Plain(exception.Message)}: check the path (its folder must exist)",
        UnauthorizedAccessException => $"{Plain(exception.Message)}: check the file's permissions",
        PathTooLongException => "the path is too long: use a shorter one",
        JsonException json => $"the JSON is not valid{(json.LineNumber is { } line ? $" at line {line + 1}" : "")}: fix it and try again",
        RequestFailedException { Status: 0 } => "storage cannot be reached: start Azurite ('engage serve' does) or check AzureWebJobsStorage, then try again",
        RequestFailedException { Status: >= 500 } failed => $"storage answered {failed.Status} ({failed.ErrorCode ?? "server error"}): it is busy or down; try again in a minute",
        RequestFailedException failed => $"storage refused the request ({failed.Status} {failed.ErrorCode}): check AzureWebJobsStorage and its permissions",
        HttpRequestException http => $"a service could not be reached ({Plain(http.Message)}): check the network and try again",
        TimeoutException => "an operation timed out: check that storage and the network are up, then try again",
        InvalidDataException or FormatException or ArgumentException or InvalidOperationException => Plain(exception.Message),
        _ => $"{Plain(exception.Message)} (unexpected: run again with --verbose and report what it shows)",
    });

    // Framework messages end with a full stop and quote paths with an ellipsis-free "Could not find ...": keep the words.
    private static string Plain(string message) => message.TrimEnd('.', ' ');

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
