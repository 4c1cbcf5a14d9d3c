namespace Engagement.Ml;

/// <summary>Maps a raw margin to a probability, p = 1 / (1 + exp(A·score + B)); fitted by training (<c>PlattFit</c>), applied here.</summary>
internal sealed record PlattCalibration(double A, double B)
{
    public static readonly PlattCalibration Identity = new(-1, 0);

    public float Probability(float score) => (float)(1.0 / (1.0 + Math.Exp(A * score + B)));
}
