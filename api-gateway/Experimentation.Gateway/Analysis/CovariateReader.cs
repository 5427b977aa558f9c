using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Analysis;

/// <summary>
/// Reads the arms' CUPED covariates into the engine's (metric, covariate) samples, control first, beside the metric's
/// own samples that <see cref="ArmReader"/> has read. Every arm or none; mean and conversion metrics only.
/// </summary>
public static class CovariateReader
{
    public static InputError? Read(AnalysisMetricType type, ArmStatisticsRequest?[] arms, int[] order, string field,
        SampleMean[]? means, Proportion[]? proportions, out CupedSample[]? cuped)
    {
        cuped = null;
        int given = arms.Count(a => a!.Covariate is not null);
        if (given == 0) return null;
        if (type is AnalysisMetricType.Ratio or AnalysisMetricType.Percentile)
            return new($"{field}[{Array.FindIndex(arms, a => a!.Covariate is not null)}].covariate", "is for mean and conversion metrics only (a ratio metric takes ratioCovariate)");
        if (given != arms.Length)
            return new($"{field}[{Array.FindIndex(arms, a => a!.Covariate is null)}].covariate", "is required when another arm has one (give every arm a covariate, or none)");

        var samples = new CupedSample[arms.Length];
        for (int k = 0; k < order.Length; k++)
        {
            var at = $"{field}[{order[k]}].covariate";
            var x = arms[order[k]]!.Covariate!;
            // The metric's own moments: n, Ȳ and M2 = Σ(Y − Ȳ)² (c(n − c)/n for a conversion).
            var y = type == AnalysisMetricType.Mean
                ? means![k]
                : new SampleMean(proportions![k].Count, proportions[k].Rate, proportions[k].Conversions * (proportions[k].Count - proportions[k].Conversions) / (double)proportions[k].Count);
            long n = y.Count;
            double meanX, m2X, coMoment;
            if (x.Mean is not null || x.Variance is not null || x.Covariance is not null)
            {
                if (x.Sum is not null || x.SumSquares is not null || x.SumProducts is not null)
                    return new($"{at}.mean", "give either sum, sumSquares and sumProducts or mean, variance and covariance, not both");
                if ((ArmReader.Finite(x.Mean, $"{at}.mean") ?? ArmReader.Finite(x.Variance, $"{at}.variance")
                    ?? ArmReader.Finite(x.Covariance, $"{at}.covariance")) is { } missing)
                    return missing;
                if (x.Variance < 0) return new($"{at}.variance", "must not be negative");
                meanX = x.Mean!.Value;
                m2X = x.Variance!.Value * (n - 1);
                coMoment = x.Covariance!.Value * (n - 1);
            }
            else
            {
                if ((ArmReader.Finite(x.Sum, $"{at}.sum") ?? ArmReader.Finite(x.SumSquares, $"{at}.sumSquares")
                    ?? ArmReader.Finite(x.SumProducts, $"{at}.sumProducts")) is { } missing)
                    return missing;
                double sum = x.Sum!.Value, squares = x.SumSquares!.Value;
                m2X = squares - sum * (sum / n);
                if (squares < 0 || m2X < -ArmReader.SumsTolerance * squares)
                    return new($"{at}.sumSquares", $"implies a negative variance: it must be at least sum²/n = {sum * (sum / n):G6}");
                m2X = Math.Max(0, m2X);
                meanX = sum / n;
                coMoment = x.SumProducts!.Value - y.Sum * meanX;
            }
            // Cauchy–Schwarz, with the rounding slack of sums accumulated over many rows.
            double bound = Math.Sqrt(y.SumSquaredDeviations * m2X);
            if (Math.Abs(coMoment) > bound * (1 + 1e-9) + ArmReader.SumsTolerance * Math.Abs(y.SumSquares + m2X + n * meanX * meanX))
                return new($"{at}.{(x.Covariance is not null ? "covariance" : "sumProducts")}", "implies a correlation between the covariate and the metric outside [−1, 1]");
            samples[k] = new CupedSample(n, y.Mean, meanX, y.SumSquaredDeviations, m2X, coMoment);
        }
        cuped = samples;
        return null;
    }
}
