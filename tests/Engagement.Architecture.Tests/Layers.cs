namespace Engagement.Architecture.Tests;

/// <summary>
/// The dependency rule of docs/architecture.md, as data: for each source assembly, its project folder, the Engagement
/// assemblies it may reference, and the third-party families it must not.
/// </summary>
internal static class Layers
{
    public const string Ml = "Engagement.Ml";
    public const string MlTraining = "Engagement.Ml.Training";
    public const string Core = "Engagement.Core";
    public const string Storage = "Engagement.Storage";
    public const string Connectors = "Engagement.Connectors";
    public const string Http = "Engagement.Http";
    public const string Reports = "Engagement.Reports";
    public const string LocalHost = "Engagement.LocalHost";
    public const string Functions = "Engagement.Functions";
    public const string Cli = "engage";

    private static readonly string[] Trainers = ["Microsoft.ML.FastTree", "Microsoft.ML.LightGbm"];
    private static readonly string[] Hosts = ["Microsoft.AspNetCore", "Microsoft.Azure.Functions", "Microsoft.Extensions.Hosting"];

    public static IReadOnlyList<Layer> All { get; } =
    [
        new(Ml, "ml/scoring", [], [.. Trainers, "Azure.", .. Hosts]),
        new(MlTraining, "ml/training", [Ml], ["Azure.", .. Hosts]),
        new(Core, "core", [Ml], ["Azure.", "Microsoft.Extensions.Azure", "System.Net.Http", "Microsoft.Extensions.Http", "CsvHelper", "ScottPlot", "SkiaSharp", .. Trainers, .. Hosts]),
        new(Storage, "adapters/storage", [Core, Ml], ["CsvHelper", .. Trainers, .. Hosts]),
        new(Connectors, "adapters/connectors", [Core, Ml], ["Azure.Data", "Azure.Storage", "Azure.Messaging", .. Trainers, .. Hosts]),
        new(Reports, "adapters/reports", [Core, Ml], ["Azure.", .. Trainers, .. Hosts]),
        new(Http, "adapters/http", [Core, Ml, Reports], ["Azure.", "CsvHelper", "ScottPlot", "SkiaSharp", .. Trainers, .. Hosts]),
        new(LocalHost, "hosting", [Core, Ml, Storage, Connectors, Http, Reports], [.. Trainers, "Microsoft.Azure.Functions"]),
        new(Functions, "functions", [Core, Ml, Storage, Connectors, Http, Reports], [.. Trainers]),
        new(Cli, "cli", [Core, Ml, MlTraining, Storage, Connectors, Http, Reports, LocalHost], ["Microsoft.Azure.Functions"]),
    ];
}

/// <summary>One source assembly and what it may and may not reference.</summary>
internal sealed record Layer(string Assembly, string Folder, IReadOnlyList<string> MayReference, IReadOnlyList<string> Forbidden)
{
    public override string ToString() => Assembly;
}
