using System.Globalization;
using System.Text;
using Engagement.Ml.Training;

namespace Engagement.Ml.Training.Tests.Training;

/// <summary>Every slice of an evaluation, the model with metadata and on text alone beside the structural rule, for the test log.</summary>
internal static class SliceReport
{
    public static string Describe(string name, ModelEvaluation evaluation)
    {
        var culture = CultureInfo.InvariantCulture;
        var builder = new StringBuilder();
        var (full, text, rule) = (evaluation.Full, evaluation.TextOnly, evaluation.Rule);
        builder.AppendLine(culture, $"{name}: {full.Count} items{(full.Weighted ? ", weighted to real-feed proportions" : string.Empty)}");
        builder.AppendLine(culture, $"  overall: model {full.MacroF1:0.000} (text alone {text.MacroF1:0.000}), rule {rule.MacroF1:0.000}, ECE {full.ExpectedCalibrationError:0.000}/{text.ExpectedCalibrationError:0.000}, AUC {full.Auc:0.000}");
        builder.AppendLine(culture, $"  brand posts: model {full.BrandPosts.MacroF1:0.000} (text alone {text.BrandPosts.MacroF1:0.000}), rule {rule.BrandPosts.MacroF1:0.000}");
        foreach (var dimension in ModelMetrics.Dimensions)
        {
            foreach (var (value, slice) in full.Slices[dimension])
            {
                var ruleSlice = rule.Slices[dimension][value];
                var mark = slice.MacroF1 < ruleSlice.MacroF1 ? "  BELOW RULE" : string.Empty;
                builder.AppendLine(culture, $"  {dimension}={value} ({slice.Count}, {slice.Relational} relational): model {slice.MacroF1:0.000} (text alone {text.Slices[dimension][value].MacroF1:0.000}), rule {ruleSlice.MacroF1:0.000}, ECE {slice.ExpectedCalibrationError:0.000}/{text.Slices[dimension][value].ExpectedCalibrationError:0.000}{mark}");
            }
        }

        return builder.ToString();
    }

    /// <summary>Slices of the dimensions the rule must never win, with enough items to say so, where it does.</summary>
    public static IReadOnlyList<string> BelowRule(ModelEvaluation evaluation, int minimumItems, params string[] dimensions) =>
        dimensions
            .SelectMany(d => evaluation.Full.Slices[d].Select(s => (Dimension: d, Value: s.Key, Slice: s.Value, Rule: evaluation.Rule.Slices[d][s.Key])))
            .Where(x => x.Slice.Count >= minimumItems && x.Slice.MacroF1 < x.Rule.MacroF1)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Dimension}={x.Value} ({x.Slice.Count}): model {x.Slice.MacroF1:0.000} < rule {x.Rule.MacroF1:0.000}"))
            .ToList();
}
