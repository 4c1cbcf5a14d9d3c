using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Engagement.Connectors;
using Engagement.Connectors.Secrets;
using Engagement.Core.Access;
using Engagement.Core.Configuration;
using Engagement.Storage;

namespace Engagement.Infra.Tests;

/// <summary>The app setting names on each side: those the code binds, and those infra/ gives the function app.</summary>
internal static partial class AppSettings
{
    /// <summary>
    /// Read by the Functions host and the worker rather than by our options classes, so listed here once: the
    /// identity-based host storage connection and Application Insights with Entra ID auth.
    /// </summary>
    public static readonly IReadOnlySet<string> HostSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    };

    /// <summary>
    /// Options that trigger attributes name as <c>%Engagement:...%</c> binding expressions. The Functions host resolves
    /// those from app settings and never sees the options' defaults, so these must be set even though the code has them.
    /// </summary>
    public static readonly IReadOnlySet<string> TriggerSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        Option(nameof(StorageOptions.IngestQueueName)),
        Option(nameof(EngagementOptions.ScheduleTickCron)),
    };

    /// <summary>Code settings that infra may leave out, each with the reason its default is right in Azure.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedAbsent = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Option(nameof(ScoringOptions.ModelPath))] = "empty means the model shipped beside the binaries, which azd deploys with the app",
        [Option(nameof(StorageOptions.TablePrefix))] = "empty: each deployment has its own storage account",
        [Option(nameof(ConnectorOptions.ImportRoot))] = "import channels read a local folder, and Flex Consumption has no persistent shared file system",
        [Option(nameof(PseudonymOptions.PseudonymKeySecretName))] = "the default secret name is the one docs/deploy.md has you create in the deployment's Key Vault",
        [Option(nameof(PseudonymOptions.PseudonymKeyPath))] = "with Engagement__KeyVaultUri set, as infra sets it, the key comes from Key Vault and no file is read",
        [Option(nameof(EngagementOptions.IngestRequestBudget))] = "20 platform calls a job stays far inside every platform's limits, and a continuation reads on",
        [Option(nameof(EngagementOptions.IngestReadOnSeconds))] = "30 s of pages per invocation is far inside host.json's 10-minute functionTimeout, and a run still shows its progress page by page",
        [Option(nameof(EngagementOptions.IngestReadAhead))] = "unset, the Functions app does not read a run's next page ahead: the job that continues it may run on another instance",
        [Option(nameof(EngagementOptions.StalledAfterMinutes))] = "10 minutes is past the queue's five tries 30 s apart, so only a page that was given up or lost is resumed",
        [Option(nameof(ScoringOptions.WarmUp))] = "on: the worker scores built-in items before it takes invocations, which is what a cold start in Azure wants",
    };

    /// <summary>The options classes bound from the <c>Engagement</c> section: the core's and each adapter's.</summary>
    public static readonly IReadOnlyList<Type> OptionsClasses = [typeof(EngagementOptions), typeof(ScoringOptions), typeof(StorageOptions), typeof(ConnectorOptions), typeof(AccessOptions), typeof(PseudonymOptions)];

    /// <summary><c>Engagement__&lt;Property&gt;</c> for every public settable property of the <see cref="OptionsClasses"/>.</summary>
    public static IReadOnlySet<string> OptionSettings { get; } = OptionsClasses
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        .Where(p => p.SetMethod is { IsPublic: true })
        .Select(p => Option(p.Name))
        .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> CodeSettings { get; } = OptionSettings.Union(HostSettings, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);

    public static string Option(string property) => $"{EngagementOptions.SectionName}__{property}";

    /// <summary>
    /// The settings of the function app's <c>appsettings</c> config in the compiled template, name to value expression.
    /// function.bicep composes it with <c>union()</c> of variables holding object literals; the compiled template keeps
    /// those variables verbatim, so their keys are the setting names. An inline object in the expression is refused,
    /// because its keys could not be read reliably.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> DefinedByInfra(JsonObject template)
    {
        var found = AppSettingsResources(template).ToList();
        Assert.True(found.Count == 1, $"Expected one Microsoft.Web/sites/config 'appsettings' resource, found {found.Count}.");
        var (owner, properties) = found[0];

        if (properties is JsonObject literal)
        {
            return literal.ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal);
        }

        var expression = (string?)properties ?? "";
        Assert.False(
            expression.Contains("createObject('", StringComparison.Ordinal),
            $"App settings are built with an inline object; put them in a variable in function.bicep: {expression}");

        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        var variables = owner["variables"]?.AsObject();
        foreach (var name in VariableReference().Matches(expression).Select(m => m.Groups[1].Value))
        {
            var group = variables?[name] as JsonObject
                ?? throw new InvalidOperationException($"App settings variable '{name}' is not an object literal in the template.");
            foreach (var (key, value) in group)
            {
                Assert.True(settings.TryAdd(key, value?.ToString()), $"App setting {key} is defined twice.");
            }
        }

        return settings;
    }

    private static IEnumerable<(JsonObject Template, JsonNode? Properties)> AppSettingsResources(JsonObject template)
    {
        // Resources are an array, or an object keyed by symbolic name in language version 2.0 templates.
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            JsonObject map => map.Select(p => p.Value!.AsObject()),
            _ => [],
        };

        foreach (var resource in resources)
        {
            var type = (string?)resource["type"];
            if (string.Equals(type, "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
                && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in AppSettingsResources(nested))
                {
                    yield return inner;
                }
            }
            else if (string.Equals(type, "Microsoft.Web/sites/config", StringComparison.OrdinalIgnoreCase)
                && ((string?)resource["name"] ?? "").Contains("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                yield return (template, resource["properties"]);
            }
        }
    }

    [GeneratedRegex(@"variables\('([A-Za-z0-9_]+)'\)")]
    private static partial Regex VariableReference();
}
