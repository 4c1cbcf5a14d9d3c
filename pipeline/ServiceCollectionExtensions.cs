using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Engagement.Ml;
using Engagement.Pipeline.Analytics;
using Engagement.Pipeline.Api;
using Engagement.Pipeline.Configuration;
using Engagement.Pipeline.Connectors;
using Engagement.Pipeline.Events;
using Engagement.Pipeline.Ingestion;
using Engagement.Pipeline.Queues;
using Engagement.Pipeline.Scheduling;
using Engagement.Pipeline.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Engagement.Pipeline;

/// <summary>The composition root both hosts share: the Functions app and the <c>engage</c> CLI.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddEngagementPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngagementOptions>()
            .Bind(configuration.GetSection(EngagementOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => ClientSchedule.TryParse(o.ScheduleTickCron, out _, out _), "Engagement:ScheduleTickCron must be a six-field cron expression.")
            .Validate(o => ClientSchedule.TryFindTimeZone(o.DefaultTimeZone, out _), "Engagement:DefaultTimeZone must be an IANA time zone.")
            .ValidateOnStart();

        var storage = StorageConnection.From(configuration);
        var eventsNamespace = configuration[$"{EngagementOptions.SectionName}:{nameof(EngagementOptions.ServiceBusNamespace)}"];
        services.AddSingleton(storage);
        services.AddAzureClients(clients =>
        {
            if (storage.ConnectionString is { } connectionString)
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddQueueServiceClient(connectionString).ConfigureOptions(UseBase64);
            }
            else
            {
                clients.AddTableServiceClient(storage.TableServiceUri!);
                clients.AddQueueServiceClient(storage.QueueServiceUri!).ConfigureOptions(UseBase64);
            }

            if (!string.IsNullOrWhiteSpace(eventsNamespace))
            {
                clients.AddServiceBusClientWithNamespace(eventsNamespace);
            }

            // Identity for every client built without a key: storage by URI, Service Bus always.
            clients.UseCredential(new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = storage.ClientId }));
        });

        if (string.IsNullOrWhiteSpace(eventsNamespace))
        {
            services.AddSingleton<IEngagementEvents, NoEngagementEvents>();
        }
        else
        {
            services.AddSingleton<IEngagementEvents>(sp => new ServiceBusEngagementEvents(
                sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<EngagementOptions>>().Value.EventsTopic)));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<EngagementOptions>>().Value.ModelPath;
            return EngagementClassifier.Load(string.IsNullOrWhiteSpace(path) ? null : path);
        });

        services.AddSingleton<EngagementTables>();
        services.AddSingleton<ClientStore>();
        services.AddSingleton<InteractionStore>();
        services.AddSingleton<DailyEngagementStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<IChannelConnector, ImportConnector>();
        services.AddSingleton<ScheduleService>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<EngagementApi>();
        services.AddSingleton<Scoring.FileScorer>();
        services.AddSingleton<Hosting.LocalTriggers>();
        services.AddSingleton<Hosting.PipelineRunner>();
        return services;
    }

    // The Functions queue trigger expects base64 bodies by default; both hosts read what the other wrote.
    private static void UseBase64(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.Base64;
}
