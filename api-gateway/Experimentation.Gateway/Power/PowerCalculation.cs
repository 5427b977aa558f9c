using Experimentation.Gateway.Analysis;
using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Gateway.Contracts.Power;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Power;

/// <summary>
/// Validates a calculator request and answers it with <see cref="PowerAnalysis"/>: the n per arm for an MDE, and
/// the MDE (and power) for an n per arm. Conversions plan with σ² = p(1 − p) at the baseline rate.
/// </summary>
public static class PowerCalculation
{
    public static InputError? Answer(PowerRequest r, out PowerResponse response)
    {
        response = null!;
        if (r.MetricType is not { } type) return new("metricType", "is required");
        if (type == AnalysisMetricType.Percentile) return new("metricType", "must be mean, conversion or ratio: power for a quantile needs its density, which the request does not carry");
        double alpha = r.Alpha ?? 0.05, power = r.Power ?? 0.8;
        if ((SettingsReader.Probability(alpha, "alpha") ?? SettingsReader.Probability(power, "power")) is { } badProbability)
            return badProbability;

        double baseline, variance;
        if (type == AnalysisMetricType.Conversion)
        {
            if (r.BaselineRate is not { } rate) return new("baselineRate", "is required for a conversion metric");
            if (!(rate > 0 && rate < 1)) return new("baselineRate", "must be between 0 and 1, exclusive");
            baseline = rate;
            variance = rate * (1 - rate);
        }
        else
        {
            if (r.BaselineMean is not { } mean) return new("baselineMean", $"is required for a {Name(type)} metric");
            if (!double.IsFinite(mean)) return new("baselineMean", "must be a finite number");
            if (r.StandardDeviation is not { } sd) return new("standardDeviation", $"is required for a {Name(type)} metric");
            if (!(sd > 0) || !double.IsFinite(sd * sd)) return new("standardDeviation", "must be a positive number");
            baseline = mean;
            variance = sd * sd;
        }

        if (r.Mde is null && r.SampleSizePerArm is null) return new("mde", "give mde, sampleSizePerArm or both");
        if (r.SampleSizePerArm is <= 0) return new("sampleSizePerArm", "must be at least 1");
        int arms = r.Arms ?? 2;
        if (arms < 2) return new("arms", "must be at least 2");

        double? mdeAbsolute = null;
        if (r.Mde is { } mde)
        {
            // The sign matters only for twoRates (the variance at p + MDE); a decrease is planned with a negative MDE.
            if (!(mde != 0 && double.IsFinite(mde))) return new("mde", "must be a non-zero number");
            bool relative = (r.MdeType ?? MdeType.Relative) == MdeType.Relative;
            if (relative && baseline == 0) return new("mde", "cannot be relative to a baseline of 0; give mdeType absolute");
            mdeAbsolute = relative ? mde * Math.Abs(baseline) : mde;
            if (!double.IsFinite(mdeAbsolute.Value)) return new("mde", "is too large");
        }

        SampleSizeResponse? sampleSize = null;
        if (mdeAbsolute is { } absolute)
        {
            double exact = type == AnalysisMetricType.Conversion
                ? PowerAnalysis.ExactSampleSizePerArmForConversion(baseline, absolute, alpha, power, r.TwoRates ?? false)
                : PowerAnalysis.ExactSampleSizePerArm(variance, absolute, alpha, power);
            long perArm = PowerAnalysis.RoundUp(exact);
            if (perArm < 0 || perArm > long.MaxValue / arms)
                return type == AnalysisMetricType.Conversion && (r.TwoRates ?? false)
                    ? new("mde", "puts the treatment rate outside (0, 1)")
                    : new("mde", "is too small: the sample size is beyond any count");
            sampleSize = new SampleSizeResponse
            {
                MdeAbsolute = absolute,
                MdeRelative = Relative(absolute, baseline),
                ExactPerArm = exact,
                PerArm = perArm,
                Total = perArm * arms,
            };
        }

        DetectableEffectResponse? detectable = null;
        if (r.SampleSizePerArm is { } n)
        {
            double detectableMde = PowerAnalysis.MinimumDetectableEffect(variance, n, alpha, power);
            detectable = new DetectableEffectResponse
            {
                SampleSizePerArm = n,
                MdeAbsolute = detectableMde,
                MdeRelative = Relative(detectableMde, baseline),
                PowerAtMde = mdeAbsolute is { } m ? PowerAnalysis.Power(variance, n, m, alpha) : null,
            };
        }

        response = new PowerResponse
        {
            MetricType = type,
            Alpha = alpha,
            Power = power,
            Baseline = baseline,
            Variance = variance,
            SampleSize = sampleSize,
            Detectable = detectable,
        };
        return null;
    }

    private static double? Relative(double absolute, double baseline) =>
        baseline == 0 || !double.IsFinite(absolute / Math.Abs(baseline)) ? null : absolute / Math.Abs(baseline);

    private static string Name(AnalysisMetricType type) => type == AnalysisMetricType.Mean ? "mean" : "ratio";
}
