using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Analysis;

/// <summary>
/// Reads a ratio metric's CUPED covariates (the pre-period numerator and denominator, as sums) into the engine's
/// (M, D, M', D') samples, control first, beside the ratio samples <see cref="ArmReader"/> has read. Every arm or none.
/// </summary>
public static class RatioCovariateReader
{
    public static InputError? Read(AnalysisMetricType type, ArmStatisticsRequest?[] arms, int[] order, string field,
        RatioSample[]? ratios, out RatioCupedSample[]? cuped)
    {
        cuped = null;
        int given = arms.Count(a => a!.RatioCovariate is not null);
        if (given == 0) return null;
        if (type != AnalysisMetricType.Ratio)
            return new($"{field}[{Array.FindIndex(arms, a => a!.RatioCovariate is not null)}].ratioCovariate", "is for ratio metrics only (mean and conversion metrics take covariate)");
        if (given != arms.Length)
            return new($"{field}[{Array.FindIndex(arms, a => a!.RatioCovariate is null)}].ratioCovariate", "is required when another arm has one (give every arm a ratio covariate, or none)");

        var samples = new RatioCupedSample[arms.Length];
        for (int k = 0; k < order.Length; k++)
        {
            var at = $"{field}[{order[k]}].ratioCovariate";
            var arm = arms[order[k]]!;
            var x = arm.RatioCovariate!;
            if ((ArmReader.Finite(x.SumNumerator, $"{at}.sumNumerator") ?? ArmReader.Finite(x.SumNumeratorSquares, $"{at}.sumNumeratorSquares")
                ?? ArmReader.Finite(x.SumDenominator, $"{at}.sumDenominator") ?? ArmReader.Finite(x.SumDenominatorSquares, $"{at}.sumDenominatorSquares")
                ?? ArmReader.Finite(x.SumProducts, $"{at}.sumProducts") ?? ArmReader.Finite(x.SumNumeratorPreNumerator, $"{at}.sumNumeratorPreNumerator")
                ?? ArmReader.Finite(x.SumNumeratorPreDenominator, $"{at}.sumNumeratorPreDenominator")
                ?? ArmReader.Finite(x.SumDenominatorPreNumerator, $"{at}.sumDenominatorPreNumerator")
                ?? ArmReader.Finite(x.SumDenominatorPreDenominator, $"{at}.sumDenominatorPreDenominator")) is { } missing)
                return missing;
            var post = ratios![k];
            long n = post.Count;
            double pm = x.SumNumerator!.Value, pmm = x.SumNumeratorSquares!.Value, pd = x.SumDenominator!.Value, pdd = x.SumDenominatorSquares!.Value;
            if (ArmReader.ImpliesNegativeVariance(n, pm, pmm)) return new($"{at}.sumNumeratorSquares", $"implies a negative variance: it must be at least sumNumerator²/n = {pm * (pm / n):G6}");
            if (ArmReader.ImpliesNegativeVariance(n, pd, pdd)) return new($"{at}.sumDenominatorSquares", $"implies a negative variance: it must be at least sumDenominator²/n = {pd * (pd / n):G6}");
            var sample = RatioCupedSample.FromSums(n, post.SumNumerator, post.SumNumeratorSquares, post.SumDenominator, post.SumDenominatorSquares,
                pm, pmm, pd, pdd, post.SumProducts, x.SumProducts!.Value, x.SumNumeratorPreNumerator!.Value, x.SumNumeratorPreDenominator!.Value,
                x.SumDenominatorPreNumerator!.Value, x.SumDenominatorPreDenominator!.Value);
            if (Uncorrelatable(sample) is { } name) return new($"{at}.{name}", "implies a correlation outside [−1, 1] with the other sums");
            samples[k] = sample;
        }
        cuped = samples;
        return null;
    }

    // Cauchy–Schwarz on each pair of the covariance matrix, with the rounding slack of sums accumulated over many rows.
    private static string? Uncorrelatable(in RatioCupedSample s)
    {
        var c = s.Covariance();
        (int I, int J, string Name)[] pairs =
        [
            (2, 3, "sumProducts"), (0, 2, "sumNumeratorPreNumerator"), (0, 3, "sumNumeratorPreDenominator"),
            (1, 2, "sumDenominatorPreNumerator"), (1, 3, "sumDenominatorPreDenominator"),
        ];
        double[] means = [s.Post.NumeratorMean, s.Post.DenominatorMean, s.Pre.NumeratorMean, s.Pre.DenominatorMean];
        foreach (var (i, j, name) in pairs)
        {
            double bound = Math.Sqrt(Math.Max(0, c[i, i]) * Math.Max(0, c[j, j]));
            // The slack is relative to the raw second moments the products were summed from.
            double slack = ArmReader.SumsTolerance * Math.Sqrt((c[i, i] + means[i] * means[i]) * (c[j, j] + means[j] * means[j]));
            if (Math.Abs(c[i, j]) > bound * (1 + 1e-9) + slack) return name;
        }
        return null;
    }
}
