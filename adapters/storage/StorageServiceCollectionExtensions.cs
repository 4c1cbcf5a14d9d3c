using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Engagement.Core;
using Engagement.Core.Configuration;
using Engagement.Core.Ports;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Engagement.Storage;

/// <summary>Registers the Azure adapters: Table Storage stores, the job queue and, when configured, Service Bus events.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Storage as the Functions host reads it from <c>AzureWebJobsStorage</c> (connection string, or service URIs with an
    /// Entra identity); SDK clients are singletons built once through <c>AddAzureClients</c>.
    /// </summary>
    public static IServiceCollection AddEngagementStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEngagementOptions<StorageOptions>(configuration);

        var storage = StorageConnection.From(configuration);
        var eventsNamespace = configuration[$"{EngagementOptions.SectionName}:{nameof(StorageOptions.ServiceBusNamespace)}"];
        services.AddSingleton(storage);
        services.AddAzureClients(clients =>
        {
            if (storage.ConnectionString is { } connectionString)
            {
                clients.AddTableServiceClient(connectionString).ConfigureOptions(PermanentOn403).ConfigureOptions(AddPolicies);
                clients.AddQueueServiceClient(connectionString).ConfigureOptions(UseBase64).ConfigureOptions(AddPolicies);
            }
            else
            {
                clients.AddTableServiceClient(storage.TableServiceUri!).ConfigureOptions(PermanentOn403).ConfigureOptions(AddPolicies);
                clients.AddQueueServiceClient(storage.QueueServiceUri!).ConfigureOptions(UseBase64).ConfigureOptions(AddPolicies);
            }

            if (!string.IsNullOrWhiteSpace(eventsNamespace))
            {
                clients.AddServiceBusClientWithNamespace(eventsNamespace);
            }

            // One retry policy for every Azure client, set here once: storage 5xx, 408, 429 and timeouts are retried
            // three times with exponential back-off (0.4, 0.8, 1.6 s), then the fault reaches the job, which the queue
            // retries with its own back-off, or the request, which answers 503 with Retry-After within a few seconds.
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = Azure.Core.RetryMode.Exponential;
                options.Retry.MaxRetries = 3;
                options.Retry.Delay = TimeSpan.FromMilliseconds(400);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
            });

            // Identity for every client built without a key: storage by URI, Service Bus always.
            clients.UseCredential(new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = storage.ClientId }));
        });

        if (!string.IsNullOrWhiteSpace(eventsNamespace))
        {
            services.AddSingleton<IEngagementEvents>(sp => new ServiceBusEngagementEvents(
                sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<StorageOptions>>().Value.EventsTopic)));
        }

        services.AddSingleton<EngagementTables>();
        services.AddSingleton<ClientStore>();
        services.AddSingleton<IClientStore>(sp => sp.GetRequiredService<ClientStore>());
        services.AddSingleton<InteractionStore>();
        services.AddSingleton<IInteractionStore>(sp => sp.GetRequiredService<InteractionStore>());
        services.AddSingleton<DailyEngagementStore>();
        services.AddSingleton<IDailyEngagementStore>(sp => sp.GetRequiredService<DailyEngagementStore>());
        services.AddSingleton<InboxStore>();
        services.AddSingleton<IInboxStore>(sp => sp.GetRequiredService<InboxStore>());
        services.AddSingleton<RunStore>();
        services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<RunStore>());
        services.AddSingleton<LabelCorrectionStore>();
        services.AddSingleton<ILabelCorrectionStore>(sp => sp.GetRequiredService<LabelCorrectionStore>());
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<ApiKeyStore>());
        services.AddSingleton<ErasureStore>();
        services.AddSingleton<IErasureStore>(sp => sp.GetRequiredService<ErasureStore>());
        services.AddSingleton<PendingDaysStore>();
        services.AddSingleton<IPendingDaysStore>(sp => sp.GetRequiredService<PendingDaysStore>());
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IEventOutbox>(sp => sp.GetRequiredService<OutboxStore>());
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<IIngestQueue>(sp => sp.GetRequiredService<IngestQueue>());
        return services;
    }

    // A 403 is permanent: raised once, after the call, with what to check (see StorageAccessDeniedPolicy).
    private static void PermanentOn403(Azure.Core.ClientOptions options) =>
        options.AddPolicy(new StorageAccessDeniedPolicy(), Azure.Core.HttpPipelinePosition.PerCall);

    // The seam for fault experiments: policies registered in DI join the table and queue clients' pipelines. The
    // product registers none.
    private static void AddPolicies(Azure.Core.ClientOptions options, IServiceProvider services)
    {
        foreach (var extra in services.GetServices<StoragePipelinePolicy>())
        {
            options.AddPolicy(extra.Policy, extra.Position);
        }
    }

    // The Functions queue trigger expects base64 bodies by default; both hosts read what the other wrote.
    private static void UseBase64(QueueClientOptions options, IServiceProvider services)
    {
        PermanentOn403(options);
        options.MessageEncoding = QueueMessageEncoding.Base64;
        var undecodable = new UndecodableMessages(services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetService<ILoggerFactory>()?.CreateLogger<UndecodableMessages>() ?? NullLogger<UndecodableMessages>.Instance);
        options.MessageDecodingFailed += undecodable.PoisonAsync;
    }
}
