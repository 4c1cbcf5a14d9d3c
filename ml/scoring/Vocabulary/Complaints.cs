using Engagement.Ml.Features;

namespace Engagement.Ml.Vocabulary;

/// <summary>
/// Whether a customer's text complains: the words of the model's complaint cue, so an alert and the model's
/// "complaint or problem" signal agree. Words that are complaints only in company ("mai", "never", "still",
/// "waiting") need a second complaint word: "still waiting" is a complaint, "never tasted better" is not.
/// </summary>
public static class Complaints
{
    private static readonly HashSet<string> OnlyInCompany = new(StringComparer.Ordinal)
    {
        "mai", "nessuna", "risposta", "never", "still", "waiting", "late", "issue",
    };

    public static bool IsComplaint(string? text)
    {
        var strong = 0;
        var weak = 0;
        foreach (var token in TextNormalizer.Normalize(text).Tokens)
        {
            if (Lexicon.Complaint.Contains(token))
            {
                if (OnlyInCompany.Contains(token))
                {
                    weak++;
                }
                else
                {
                    strong++;
                }
            }
        }

        return strong > 0 || weak > 1;
    }
}
