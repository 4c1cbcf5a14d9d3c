using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Engagement.Core.Reporting;

namespace Engagement.Reports;

/// <summary>
/// Reports as one tidy CSV table, <c>section,scope,period,item,metric,value</c>, so a spreadsheet or BI tool pivots it
/// as it likes. Metric names are the JSON field names (nested ones joined with a dot); values are invariant (a share
/// is a fraction 0..1, a wait is in minutes); no data is an empty value.
/// </summary>
public static class ReportCsv
{
    public static string Render(ClientReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        Header(csv);
        Figures(csv, "all", report.Total, report.Previous);
        foreach (var channel in report.Channels)
        {
            Figures(csv, "channel:" + channel.ChannelId, channel.Current, channel.Previous);
        }

        foreach (var week in report.Weeks)
        {
            Rows(csv, "figures", "week:" + week.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "current", "", week.Figures);
        }

        foreach (var item in report.Unanswered)
        {
            Rows(csv, "unanswered", item.ChannelId, "current", item.PlatformId, item);
        }

        foreach (var post in report.TopPosts)
        {
            Rows(csv, "top_posts", post.ChannelId, "current", post.PlatformId, post);
        }

        foreach (var post in report.BottomPosts)
        {
            Rows(csv, "bottom_posts", post.ChannelId, "current", post.PlatformId, post);
        }

        csv.Flush();
        return writer.ToString();
    }

    public static string Render(AgencyOverview overview)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        Header(csv);
        foreach (var row in overview.Clients)
        {
            Rows(csv, "overview", row.ClientId, "current", "", row.Total);
            Rows(csv, "overview", row.ClientId, "previous", "", row.Previous);
        }

        csv.Flush();
        return writer.ToString();
    }

    private static void Header(CsvWriter csv)
    {
        foreach (var name in new[] { "section", "scope", "period", "item", "metric", "value" })
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
    }

    private static void Figures(CsvWriter csv, string scope, PeriodFigures current, PeriodFigures previous)
    {
        Rows(csv, "figures", scope, "current", "", current);
        Rows(csv, "figures", scope, "previous", "", previous);
    }

    private static void Rows<T>(CsvWriter csv, string section, string scope, string period, string item, T value)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(value, ReportJson.Options));
        foreach (var (metric, text) in Flatten(document.RootElement, ""))
        {
            csv.WriteField(section);
            csv.WriteField(scope);
            csv.WriteField(period);
            csv.WriteField(item);
            csv.WriteField(metric);
            csv.WriteField(text);
            csv.NextRecord();
        }
    }

    private static IEnumerable<(string Name, string Value)> Flatten(JsonElement element, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var nested in Flatten(property.Value, name))
                    {
                        yield return nested;
                    }

                    break;
                case JsonValueKind.Null:
                    yield return (name, "");
                    break;
                case JsonValueKind.String:
                    yield return (name, property.Value.GetString() ?? "");
                    break;
                case JsonValueKind.Array:
                    yield return (name, string.Join("; ", property.Value.EnumerateArray().Select(e => e.ToString())));
                    break;
                default:
                    yield return (name, property.Value.GetRawText());
                    break;
            }
        }
    }

    /// <summary>UTF-8 with a byte order mark, which spreadsheet programs need to read accents right.</summary>
    public static byte[] ToBytes(string csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];
}
