using Engagement.Core.Reporting;

namespace Engagement.Reports;

/// <summary>The forms a report takes, and their media types.</summary>
public enum ReportFormat
{
    Json,
    Csv,
    Html,
}

/// <summary>Renders a report or the agency overview in a format: one entry point for the HTTP adapter and the CLI.</summary>
public static class ReportFormats
{
    public static string MediaType(ReportFormat format) => format switch
    {
        ReportFormat.Csv => "text/csv",
        ReportFormat.Html => "text/html",
        _ => "application/json",
    };

    public static string FileExtension(ReportFormat format) => format switch
    {
        ReportFormat.Csv => ".csv",
        ReportFormat.Html => ".html",
        _ => ".json",
    };

    /// <summary>Reads <c>json</c>, <c>csv</c> or <c>html</c> (any case).</summary>
    public static bool TryParse(string? text, out ReportFormat format)
    {
        format = ReportFormat.Json;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "json":
                return true;
            case "csv":
                format = ReportFormat.Csv;
                return true;
            case "html":
                format = ReportFormat.Html;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The format an <c>Accept</c> header asks for: the supported media type with the highest quality, the first
    /// listed on a tie; JSON when the header is absent or names nothing supported (such as <c>*/*</c> alone).
    /// </summary>
    public static ReportFormat FromAccept(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ReportFormat.Json;
        }

        var best = (Format: ReportFormat.Json, Quality: -1.0);
        foreach (var part in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(parameter[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }

            ReportFormat? format = pieces[0].ToLowerInvariant() switch
            {
                "application/json" => ReportFormat.Json,
                "text/csv" => ReportFormat.Csv,
                "text/html" or "application/xhtml+xml" => ReportFormat.Html,
                _ => null,
            };
            if (format is { } known && quality > 0 && quality > best.Quality)
            {
                best = (known, quality);
            }
        }

        return best.Format;
    }

    public static string Render(ClientReport report, ReportFormat format) => format switch
    {
        ReportFormat.Csv => ReportCsv.Render(report),
        ReportFormat.Html => ReportHtml.Render(report),
        _ => ReportJson.Serialize(report),
    };

    /// <summary>The overview; its words are in <paramref name="language"/>.</summary>
    public static string Render(AgencyOverview overview, ReportFormat format, string language) => format switch
    {
        ReportFormat.Csv => ReportCsv.Render(overview),
        ReportFormat.Html => ReportHtml.Render(overview, language),
        _ => ReportJson.Serialize(overview),
    };
}
