using Engagement.Core.Access;
using Engagement.Core.Alerts;
using Engagement.Core.Configuration;
using Engagement.Core.Corrections;
using Engagement.Core.Ingestion;
using Engagement.Core.Privacy;
using Engagement.Core.Ports;
using Engagement.Core.Registration;
using Engagement.Core.Reporting;
using Engagement.Core.Scheduling;
using Engagement.Core.Scoring;
using Engagement.Ml;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Engagement.Core;

/// <summary>Registers the core: its options, rules and use cases. The ports are registered by the adapters.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>The use cases and their options; options are validated when the host starts.</summary>
    public static IServiceCollection AddEngagementCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEngagementOptions<EngagementOptions>(configuration)
            .Validate(o => ClientSchedule.TryParse(o.ScheduleTickCron, out _, out _), "Engagement:ScheduleTickCron must be a six-field cron expression.")
            .Validate(o => ClientSchedule.TryFindTimeZone(o.DefaultTimeZone, out _), "Engagement:DefaultTimeZone must be an IANA time zone.");

        services.AddEngagementOptions<AccessOptions>(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEngagementEvents, NoEngagementEvents>();
        services.AddSingleton<ClientRegistration>();
        services.AddSingleton<ScheduleService>();
        services.AddSingleton<DailyRecompute>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<OwedWork>();
        services.AddSingleton<ChannelPreview>();
        services.AddSingleton<ChannelReset>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ReplyAlerts>();
        services.AddSingleton<LabelCorrectionService>();
        services.AddSingleton<AccessService>();
        services.AddSingleton<ErasureService>();
        services.AddSingleton<RetentionService>();
        return services;
    }

    /// <summary>The classifier, loaded once per process, and the scoring use case.</summary>
    public static IServiceCollection AddEngagementScoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEngagementOptions<ScoringOptions>(configuration)
            .Validate(o => string.IsNullOrWhiteSpace(o.ModelPath) || File.Exists(o.ModelPath), "Engagement:ModelPath must name an existing model file.");
        services.TryAddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<ScoringOptions>>().Value.ModelPath;
            return EngagementClassifier.Load(string.IsNullOrWhiteSpace(path) ? null : path);
        });
        services.TryAddSingleton<ScoringService>();
        return services;
    }

    /// <summary>
    /// Options of any layer bound from the <c>Engagement</c> section (app settings <c>Engagement__*</c>), checked against
    /// their data annotations when the host starts, so a bad setting stops the start with its name.
    /// </summary>
    public static OptionsBuilder<TOptions> AddEngagementOptions<TOptions>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(EngagementOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
