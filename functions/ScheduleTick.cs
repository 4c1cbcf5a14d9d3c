using Engagement.Core.Alerts;
using Engagement.Core.Ingestion;
using Engagement.Core.Scheduling;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions;

/// <summary>
/// Finds the clients whose run is due and queues one ingestion job per channel, relays events left in the outbox,
/// queues again the pages of stalled channels, then raises due reply-needed alerts.
/// </summary>
internal sealed partial class ScheduleTick(ScheduleService schedule, OwedWork owed, ReplyAlerts alerts, ILogger<ScheduleTick> logger)
{
    /// <summary>The setting that holds the tick's six-field cron; the Functions runtime resolves <c>%...%</c>.</summary>
    public const string ScheduleSetting = "%Engagement:ScheduleTickCron%";

    [Function(nameof(ScheduleTick))]
    public async Task Run([TimerTrigger(ScheduleSetting)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await schedule.TickAsync(cancellationToken);
        var settled = await owed.SettleAsync(cancellationToken);
        var raised = await alerts.RaiseDueAsync(cancellationToken);
        LogTick(result.DueClients, result.JobsEnqueued, settled.EventsRelayed, settled.ChannelsResumed, raised, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule tick: {DueClients} clients due, {Jobs} jobs queued, {Relayed} events relayed, {Resumed} stalled channels resumed, {Alerts} reply-needed alerts (past due: {PastDue})")]
    private partial void LogTick(int dueClients, int jobs, int relayed, int resumed, int alerts, bool pastDue);
}
