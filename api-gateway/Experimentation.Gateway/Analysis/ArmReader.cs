using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Analysis;

/// <summary>
/// Checks one list of arms and turns it into the engine's sufficient statistics, control first. Refuses what no
/// real aggregate can be (n ≤ 0, conversions above n, a negative variance) instead of letting the engine clamp it.
/// </summary>
public static class ArmReader
{
    /// <summary>Longest accepted arm key.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>
    /// Relative slack for Σx² − (Σx)²/n below 0: sums accumulated naively over many rows round by about this much, so
    /// a zero-variance arm must not be refused, while a genuinely impossible Σx² is off by far more.
    /// </summary>
    public const double SumsTolerance = 1e-9;

    public static InputError? Read(AnalysisMetricType type, ArmStatisticsRequest?[]? arms, string field, out ArmSet set)
    {
        set = null!;
        if (arms is null) return new(field, "is required");
        if (arms.Length < 2) return new(field, "needs at least 2 arms: a control and a treatment");

        int control = -1;
        for (int i = 0; i < arms.Length; i++)
        {
            var arm = arms[i];
            if (arm is null) return new($"{field}[{i}]", "may not be null");
            if (string.IsNullOrWhiteSpace(arm.Key)) return new($"{field}[{i}].key", "is required");
            if (arm.Key.Length > MaxKeyLength) return new($"{field}[{i}].key", $"must be at most {MaxKeyLength} characters");
            for (int j = 0; j < i; j++)
                if (arms[j]!.Key == arm.Key) return new($"{field}[{i}].key", $"repeats the key of {field}[{j}]");
            if (arm.Control == true)
            {
                if (control >= 0) return new(field, $"has two controls: {field}[{control}] and {field}[{i}] both say control: true");
                control = i;
            }
        }
        if (control < 0)
        {
            if (arms[0]!.Control == false)
                return new(field, "has no control: mark one arm with control: true, or list the control first");
            control = 0;
        }

        // Control first, the treatments in the caller's order.
        var order = new int[arms.Length];
        order[0] = control;
        for (int i = 0, k = 1; i < arms.Length; i++)
            if (i != control) order[k++] = i;

        var keys = new string[arms.Length];
        var weights = new double[arms.Length];
        int weighted = 0;
        for (int k = 0; k < order.Length; k++)
        {
            var arm = arms[order[k]]!;
            keys[k] = arm.Key!;
            weights[k] = 1.0;
            if (arm.Weight is { } w)
            {
                if (!(w > 0) || !double.IsFinite(w)) return new($"{field}[{order[k]}].weight", "must be a positive number");
                weights[k] = w;
                weighted++;
            }
        }
        if (weighted != 0 && weighted != arms.Length)
            return new($"{field}[{Array.FindIndex(arms, a => a!.Weight is null)}].weight", "is required when another arm has a weight (give every arm a weight, or none)");

        SampleMean[]? means = null;
        Proportion[]? proportions = null;
        RatioSample[]? ratios = null;
        QuantileSample[]? quantiles = null;
        switch (type)
        {
            case AnalysisMetricType.Mean: means = new SampleMean[arms.Length]; break;
            case AnalysisMetricType.Conversion: proportions = new Proportion[arms.Length]; break;
            case AnalysisMetricType.Percentile: quantiles = new QuantileSample[arms.Length]; break;
            default: ratios = new RatioSample[arms.Length]; break;
        }
        for (int k = 0; k < order.Length; k++)
        {
            var arm = arms[order[k]]!;
            var at = $"{field}[{order[k]}]";
            if (arm.N is not { } n) return new($"{at}.n", "is required");
            if (n <= 0) return new($"{at}.n", "must be at least 1");
            var error = type switch
            {
                AnalysisMetricType.Mean => ReadMean(arm, n, at, out means![k]),
                AnalysisMetricType.Conversion => ReadConversion(arm, n, at, out proportions![k]),
                AnalysisMetricType.Percentile => ReadQuantile(arm, n, at, k == 0 ? null : quantiles![0].Quantile, out quantiles![k]),
                _ => ReadRatio(arm, n, at, out ratios![k]),
            };
            if (error is not null) return error;
        }

        var covariates = CovariateReader.Read(type, arms, order, field, means, proportions, out var cuped);
        if (covariates is not null) return covariates;
        var ratioCovariates = RatioCovariateReader.Read(type, arms, order, field, ratios, out var ratioCuped);
        if (ratioCovariates is not null) return ratioCovariates;
        set = new ArmSet(type, keys, weights, weighted != 0, means, proportions, ratios, cuped, quantiles, ratioCuped);
        return null;
    }

    private static InputError? ReadMean(ArmStatisticsRequest arm, long n, string at, out SampleMean mean)
    {
        mean = default;
        if (arm.Mean is not null || arm.Variance is not null)
        {
            if (arm.Sum is not null || arm.SumSquares is not null)
                return new($"{at}.{(arm.Mean is not null ? "mean" : "variance")}", "give either sum and sumSquares or mean and variance, not both");
            if (Finite(arm.Mean, $"{at}.mean", "is required with variance") is { } e1) return e1;
            if (Finite(arm.Variance, $"{at}.variance", "is required with mean") is { } e2) return e2;
            if (arm.Variance < 0) return new($"{at}.variance", "must not be negative");
            mean = SampleMean.FromMoments(n, arm.Mean!.Value, arm.Variance!.Value);
            return null;
        }
        if (Finite(arm.Sum, $"{at}.sum") is { } e3) return e3;
        if (Finite(arm.SumSquares, $"{at}.sumSquares") is { } e4) return e4;
        double sum = arm.Sum!.Value, squares = arm.SumSquares!.Value;
        if (ImpliesNegativeVariance(n, sum, squares))
            return new($"{at}.sumSquares", $"implies a negative variance: it must be at least sum²/n = {sum * (sum / n):G6}");
        mean = SampleMean.FromSums(n, sum, squares);
        return null;
    }

    private static InputError? ReadConversion(ArmStatisticsRequest arm, long n, string at, out Proportion proportion)
    {
        proportion = default;
        if (arm.Conversions is not { } c) return new($"{at}.conversions", "is required");
        if (c < 0) return new($"{at}.conversions", "must not be negative");
        if (c > n) return new($"{at}.conversions", $"must not exceed n ({n})");
        proportion = new Proportion(n, c);
        return null;
    }

    private static InputError? ReadRatio(ArmStatisticsRequest arm, long n, string at, out RatioSample ratio)
    {
        ratio = default;
        if ((Finite(arm.SumNumerator, $"{at}.sumNumerator") ?? Finite(arm.SumDenominator, $"{at}.sumDenominator")
            ?? Finite(arm.SumNumeratorSquares, $"{at}.sumNumeratorSquares") ?? Finite(arm.SumDenominatorSquares, $"{at}.sumDenominatorSquares")
            ?? Finite(arm.SumProducts, $"{at}.sumProducts")) is { } missing)
            return missing;
        double m = arm.SumNumerator!.Value, d = arm.SumDenominator!.Value;
        double mm = arm.SumNumeratorSquares!.Value, dd = arm.SumDenominatorSquares!.Value, md = arm.SumProducts!.Value;
        if (ImpliesNegativeVariance(n, m, mm))
            return new($"{at}.sumNumeratorSquares", $"implies a negative variance: it must be at least sumNumerator²/n = {m * (m / n):G6}");
        if (ImpliesNegativeVariance(n, d, dd))
            return new($"{at}.sumDenominatorSquares", $"implies a negative variance: it must be at least sumDenominator²/n = {d * (d / n):G6}");
        // Cauchy–Schwarz: |Σ(M − M̄)(D − D̄)| ≤ √(Σ(M − M̄)² Σ(D − D̄)²), with the same rounding slack as the squares.
        double coMoment = md - m * (d / n);
        double bound = Math.Sqrt(Math.Max(0, mm - m * (m / n)) * Math.Max(0, dd - d * (d / n)));
        if (Math.Abs(coMoment) > bound + SumsTolerance * Math.Sqrt(Math.Abs(mm) * Math.Abs(dd)))
            return new($"{at}.sumProducts", "implies a correlation between numerator and denominator outside [−1, 1]");
        ratio = RatioSample.FromSums(n, m, d, mm, dd, md);
        return null;
    }

    private static InputError? ReadQuantile(ArmStatisticsRequest arm, long n, string at, double? first, out QuantileSample sample)
    {
        sample = null!;
        if (arm.Quantile is not { } x) return new($"{at}.quantile", "is required");
        if ((Finite(x.Quantile, $"{at}.quantile.quantile") ?? Finite(x.Estimate, $"{at}.quantile.estimate")
            ?? Finite(x.Lower, $"{at}.quantile.lower") ?? Finite(x.Upper, $"{at}.quantile.upper")) is { } missing)
            return missing;
        double q = x.Quantile!.Value;
        if (!(q > 0 && q < 1)) return new($"{at}.quantile.quantile", "must be strictly between 0 and 1");
        if (first is { } q0 && q != q0) return new($"{at}.quantile.quantile", $"must be the same on every arm ({q0:R})");
        if (x.Lower > x.Estimate) return new($"{at}.quantile.lower", "must not exceed the estimate");
        if (x.Upper < x.Estimate) return new($"{at}.quantile.upper", "must not be below the estimate");
        if (x.DesignEffect is { } d && !(d > 0 && double.IsFinite(d))) return new($"{at}.quantile.designEffect", "must be a positive number");
        sample = new QuantileSample(q, new RankInterval(q, n, x.Lower!.Value, x.Estimate!.Value, x.Upper!.Value), DesignEffect: x.DesignEffect);
        return null;
    }

    /// <summary>True when Σx² is below (Σx)²/n by more than the rounding of sums accumulated over many rows.</summary>
    internal static bool ImpliesNegativeVariance(long n, double sum, double squares)
    {
        double m2 = squares - sum * (sum / n);
        // An overflowing sum²/n is far above any finite Σx², so -∞ is refused too.
        return squares < 0 || m2 < -SumsTolerance * squares || double.IsNaN(m2);
    }

    /// <summary>Null for a finite value; else the field's error: missing, or not a finite number.</summary>
    internal static InputError? Finite(double? value, string field, string missing = "is required") =>
        value is not { } v ? new(field, missing) : double.IsFinite(v) ? null : new(field, "must be a finite number");
}
