namespace Experimentation.Statistics;

/// <summary>
/// Sample ratio mismatch: χ² goodness of fit of the exposed counts per arm against weight_i/Σweight·N, df = k − 1,
/// as scipy.stats.chisquare. Flagged when p &lt; 0.001.
/// </summary>
public static class SampleRatioMismatch
{
    /// <summary>The default flagging threshold.</summary>
    public const double DefaultThreshold = 0.001;

    /// <summary>Tests any number of arms.</summary>
    public static SrmResult Test(ReadOnlySpan<long> counts, ReadOnlySpan<double> weights, double threshold = DefaultThreshold)
    {
        if (counts.Length != weights.Length || counts.Length < 2) return Invalid();
        double total = 0, weightTotal = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0 || !(weights[i] > 0) || !double.IsFinite(weights[i])) return Invalid();
            total += counts[i];
            weightTotal += weights[i];
        }
        if (total == 0) return new SrmResult(StatisticsError.TooFewUnits, double.NaN, counts.Length - 1, double.NaN, false);

        double chiSquared = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double expected = weights[i] / weightTotal * total;
            double diff = counts[i] - expected;
            chiSquared += diff * diff / expected;
        }
        int df = counts.Length - 1;
        double p = ChiSquaredDistribution.Survival(chiSquared, df);
        return new SrmResult(StatisticsError.None, chiSquared, df, p, p < threshold);
    }

    /// <summary>Tests two arms without allocating.</summary>
    public static SrmResult Test(long control, long treatment, double controlWeight, double treatmentWeight,
        double threshold = DefaultThreshold)
    {
        ReadOnlySpan<long> counts = [control, treatment];
        ReadOnlySpan<double> weights = [controlWeight, treatmentWeight];
        return Test(counts, weights, threshold);
    }

    private static SrmResult Invalid() => new(StatisticsError.InvalidInput, double.NaN, 0, double.NaN, false);
}
