using Engagement.Core.Scheduling;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions;

/// <summary>Finds the clients whose run is due and queues one ingestion job per channel.</summary>
internal sealed partial class ScheduleTick(ScheduleService schedule, ILogger<ScheduleTick> logger)
{
    /// <summary>The setting that holds the tick's six-field cron; the Functions runtime resolves <c>%...%</c>.</summary>
    public const string ScheduleSetting = "%Engagement:ScheduleTickCron%";

    [Function(nameof(ScheduleTick))]
    public async Task Run([TimerTrigger(ScheduleSetting)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await schedule.TickAsync(cancellationToken);
        LogTick(result.DueClients, result.JobsEnqueued, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule tick: {DueClients} clients due, {Jobs} jobs queued (past due: {PastDue})")]
    private partial void LogTick(int dueClients, int jobs, bool pastDue);
}
