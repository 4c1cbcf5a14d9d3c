using Engagement.Ml.Features;

namespace Engagement.Ml;

/// <summary>Maps a raw margin to a probability, p = 1 / (1 + exp(A·score + B)); fitted by training (<c>PlattFit</c>), applied here.</summary>
internal sealed record PlattCalibration(double A, double B)
{
    public static readonly PlattCalibration Identity = new(-1, 0);

    public float Probability(float score) => (float)(1.0 / (1.0 + Math.Exp(A * score + B)));
}

/// <summary>
/// One Platt map per <see cref="SpeakerContext"/>: a brand's caption, a brand's reply, a person's post, a person's
/// comment and text alone do not share one base rate, and a single map would pull each toward the average.
/// </summary>
internal sealed record ContextCalibration(IReadOnlyList<PlattCalibration> ByContext)
{
    public static ContextCalibration Single(PlattCalibration calibration) => new(Enumerable.Repeat(calibration, SpeakerContexts.Count).ToArray());

    public float Probability(float score, SpeakerContext context) => ByContext[(int)context].Probability(score);

    public float Probability(float score, ClassifierInput input) => Probability(score, SpeakerContexts.Of(input));
}
