using Spectre.Console;

namespace Engagement.Cli.Hosting;

/// <summary>A progress bar on a terminal; plain, occasional lines when output is redirected.</summary>
internal static class ConsoleProgress
{
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> with a reporter of (done, total, label); total may grow as work is found.</summary>
    public static async Task<T> RunAsync<T>(string title, Func<Action<int, int, string>, Task<T>> work)
    {
        if (!Interactive)
        {
            var last = -1;
            return await work((done, total, label) =>
            {
                var percent = total == 0 ? 100 : done * 100 / total;
                if (percent / 10 != last / 10 || done == total)
                {
                    last = percent;
                    Console.WriteLine($"{title}: {done}/{total} {label}");
                }
            });
        }

        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                result = await work((done, total, label) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                    task.Description = $"{title} {label}";
                });
                task.Value = task.MaxValue;
            });
        return result;
    }
}
