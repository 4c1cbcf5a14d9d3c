using Engagement.Ml.Features;

namespace Engagement.Ml.Vocabulary;

/// <summary>
/// Whether a text asks something: the one definition the model's question cue and the unanswered-questions figure
/// share. It reads the normalised text, so a <c>?</c> inside a link's query string is not a question.
/// </summary>
public static class Questions
{
    public static bool IsQuestion(string? text) => IsQuestion(TextNormalizer.Normalize(text));

    internal static bool IsQuestion(NormalizedText text) => text.Counts.QuestionMarks > 0 || text.Tokens.Contains("?");
}
