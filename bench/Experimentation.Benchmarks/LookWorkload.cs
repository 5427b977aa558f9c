using Experimentation.Statistics;

namespace Experimentation.Benchmarks;

/// <summary>
/// One live look's input as the analysis grain builds it: three arms of about 50,000 exposed users (control first,
/// equal weights), ten metrics of the three kinds with roles as a product team binds them, a relative MDE, sequential
/// decisions, and the novelty moments the shards keep for mean and conversion metrics.
/// </summary>
/// <remarks>
/// Four mean metrics (revenue, sessions, page views, latency), four conversions (purchase, sign-up, add to cart,
/// day-7 return) and two ratios (average order value and revenue per session, both over every exposed user): three
/// primary metrics in the family, two guardrails, five informational, as GrowthBook's and Statsig's default
/// scorecards mix them.
/// </remarks>
internal static class LookWorkload
{
    private static readonly long[] Units = [50_000, 50_210, 49_870];

    public static ExperimentInput Input()
    {
        ArmInput[] arms = [new("control", 1, Units[0]), new("blue", 1, Units[1]), new("green", 1, Units[2])];
        MetricInput[] metrics =
        [
            Mean("revenue", AnalysisRole.Primary, 12.40, 0.012, 380.0),
            Conversion("purchase", AnalysisRole.Primary, 0.081, 0.03),
            Ratio("order-value", AnalysisRole.Primary, 153.0, 0.081, 0.006),
            Mean("latency-ms", AnalysisRole.Guardrail, 412.0, -0.004, 9_000.0, new GuardrailRule(false, 0.05)),
            Conversion("error-page", AnalysisRole.Guardrail, 0.012, -0.02, new GuardrailRule(false, 0.05)),
            Mean("sessions", AnalysisRole.Informational, 3.1, 0.008, 6.2),
            Mean("page-views", AnalysisRole.Informational, 14.6, 0.011, 210.0),
            Conversion("signup", AnalysisRole.Informational, 0.145, 0.015),
            Conversion("day7-return", AnalysisRole.Informational, 0.31, 0.004),
            Ratio("revenue-per-session", AnalysisRole.Informational, 4.0, 3.1, 0.005),
        ];
        var settings = new ExperimentSettings
        {
            Options = AnalysisOptions.Default with { DecisionMode = DecisionMode.Sequential },
            Mde = 0.02,
            MdeIsRelative = true,
        };
        return new ExperimentInput(arms, metrics, settings);
    }

    /// <summary>The sequential states of a look taken earlier on about half the data, as the grain carries them in.</summary>
    public static IReadOnlyDictionary<string, SequentialState> PreviousStates(ExperimentInput input)
    {
        var half = input with
        {
            Arms = input.Arms.Select(a => a with { Units = a.Units / 2 }).ToArray(),
            Metrics = input.Metrics.Select(Halve).ToArray(),
        };
        return ExperimentAnalyzer.Analyze(half).States;
    }

    private static MetricInput Mean(string key, AnalysisRole role, double mean, double lift, double variance, GuardrailRule? guardrail = null) =>
        new(key, role, MetricSamples.Of(Arms(i => SampleMean.FromMoments(Units[i], mean * (1 + lift * i), variance * (1 + 0.01 * i)))),
            guardrail, Novelty: NoveltyOf(mean, variance, lift));

    private static MetricInput Conversion(string key, AnalysisRole role, double rate, double lift, GuardrailRule? guardrail = null) =>
        new(key, role, MetricSamples.Of(Arms(i => new Proportion(Units[i], (long)(Units[i] * rate * (1 + lift * i))))),
            guardrail, Novelty: NoveltyOf(rate, rate * (1 - rate), lift));

    // Numerator M and denominator D per user, as revenue and orders: M spread twice its mean, D Poisson-like, and the
    // two correlated 0.6.
    private static MetricInput Ratio(string key, AnalysisRole role, double ratio, double denominator, double lift) =>
        new(key, role, MetricSamples.Of(Arms(i =>
        {
            long n = Units[i];
            double d = denominator * (1 + 0.002 * i), m = ratio * (1 + lift * i) * d;
            double m2 = 4 * m * m * (n - 1), d2 = d * (n - 1);
            return new RatioSample(n, m, d, m2, d2, 0.6 * Math.Sqrt(m2 * d2));
        })));

    // Each user's early and late values: the late window is four times longer, correlated 0.4 with the early one.
    private static NoveltyInput NoveltyOf(double mean, double variance, double lift) =>
        new(2, Arms(i =>
        {
            long n = Units[i];
            double early = 0.25 * mean * (1 + lift * i), late = 0.75 * mean * (1 + lift * i);
            double earlyM2 = 0.3 * variance * (n - 1), lateM2 = 0.7 * variance * (n - 1);
            return new NoveltySample(n, early, late, earlyM2, lateM2, 0.4 * Math.Sqrt(earlyM2 * lateM2));
        }));

    private static MetricInput Halve(MetricInput metric)
    {
        var s = metric.Samples!;
        var samples = s.Kind switch
        {
            MetricKind.Mean => MetricSamples.Of(s.Means!.Select(m => new SampleMean(m.Count / 2, m.Mean * 0.99, m.SumSquaredDeviations / 2)).ToArray()),
            MetricKind.Conversion => MetricSamples.Of(s.Proportions!.Select(p => new Proportion(p.Count / 2, p.Conversions / 2)).ToArray()),
            _ => MetricSamples.Of(s.Ratios!.Select(r => r with { Count = r.Count / 2, NumeratorM2 = r.NumeratorM2 / 2,
                DenominatorM2 = r.DenominatorM2 / 2, CoMoment = r.CoMoment / 2 }).ToArray()),
        };
        return metric with { Samples = samples };
    }

    private static T[] Arms<T>(Func<int, T> arm) => Enumerable.Range(0, Units.Length).Select(arm).ToArray();
}
