namespace Engagement.Ml.Training;

/// <summary>Fits the <see cref="PlattCalibration"/> a model ships with, on out-of-fold scores.</summary>
/// <remarks>
/// Fitting on out-of-fold scores rather than on the training rows matters: a model is over-confident on the rows it
/// learned, and a calibrator fitted there would keep that over-confidence.
/// </remarks>
internal static class PlattFit
{
    /// <summary>
    /// Platt's (1999) Newton fit with his smoothed targets, which keep the fit finite on separable data; with
    /// <paramref name="weights"/>, each point counts by its example weight (the counts in the targets too).
    /// </summary>
    public static PlattCalibration Fit(IReadOnlyList<float> scores, IReadOnlyList<bool> labels, IReadOnlyList<float>? weights = null)
    {
        var w = weights ?? Enumerable.Repeat(1f, scores.Count).ToArray();
        var positives = labels.Select((l, i) => l ? (double)w[i] : 0).Sum();
        var negatives = w.Sum(x => (double)x) - positives;
        if (positives == 0 || negatives == 0)
        {
            return PlattCalibration.Identity;
        }

        var hiTarget = (positives + 1.0) / (positives + 2.0);
        var loTarget = 1.0 / (negatives + 2.0);
        var a = 0.0;
        var b = Math.Log((negatives + 1.0) / (positives + 1.0));
        const double sigma = 1e-12;
        var fval = Objective(scores, labels, w, hiTarget, loTarget, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var t = labels[i] ? hiTarget : loTarget;
                var fApB = scores[i] * a + b;
                double p, q;
                if (fApB >= 0)
                {
                    p = Math.Exp(-fApB) / (1.0 + Math.Exp(-fApB));
                    q = 1.0 / (1.0 + Math.Exp(-fApB));
                }
                else
                {
                    p = 1.0 / (1.0 + Math.Exp(fApB));
                    q = Math.Exp(fApB) / (1.0 + Math.Exp(fApB));
                }

                var d2 = w[i] * p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                var d1 = w[i] * (t - p);
                g1 += scores[i] * d1;
                g2 += d1;
            }

            if (Math.Abs(g1) < 1e-5 && Math.Abs(g2) < 1e-5)
            {
                break;
            }

            var det = h11 * h22 - h21 * h21;
            var dA = -(h22 * g1 - h21 * g2) / det;
            var dB = -(-h21 * g1 + h11 * g2) / det;
            var gd = g1 * dA + g2 * dB;
            var step = 1.0;
            while (step >= 1e-10)
            {
                var newA = a + step * dA;
                var newB = b + step * dB;
                var newF = Objective(scores, labels, w, hiTarget, loTarget, newA, newB);
                if (newF < fval + 1e-4 * step * gd)
                {
                    a = newA;
                    b = newB;
                    fval = newF;
                    break;
                }

                step /= 2;
            }

            if (step < 1e-10)
            {
                break;
            }
        }

        return new PlattCalibration(a, b);
    }

    private static double Objective(IReadOnlyList<float> scores, IReadOnlyList<bool> labels, IReadOnlyList<float> weights, double hi, double lo, double a, double b)
    {
        var f = 0.0;
        for (var i = 0; i < scores.Count; i++)
        {
            var t = labels[i] ? hi : lo;
            var fApB = scores[i] * a + b;
            f += weights[i] * (fApB >= 0 ? t * fApB + Math.Log(1 + Math.Exp(-fApB)) : (t - 1) * fApB + Math.Log(1 + Math.Exp(fApB)));
        }

        return f;
    }
}
