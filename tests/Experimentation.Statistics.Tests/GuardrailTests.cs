using System.Text.Json;
using Experimentation.Statistics.Reports;
using Experimentation.Statistics.Tests.Simulation;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

/// <summary>
/// The guardrail test against vectors/guardrail.py: the one-sided mixture (closed form checked there by
/// scipy.integrate.quad, bounds by scipy.optimize.brentq), single looks through the analyzer, and sequences whose
/// running state the analyzer carries in its states dictionary.
/// </summary>
public class GuardrailTests
{
    private const double Alpha = 0.05;

    public static TheoryData<string> MixtureCases => Ids("one_sided_msprt");
    public static TheoryData<string> LookCases => Ids("guardrail");
    public static TheoryData<string> SequenceCases => Ids("guardrail_sequence");

    [Theory, MemberData(nameof(MixtureCases))]
    public void TheOneSidedMixtureMatchesItsClosedFormAndTheBoundWhereLambdaIsOneOverAlpha(string id)
    {
        var (input, expected) = Case(id);
        double se2 = input.Number("se2"), tau2 = input.Number("tau2");
        Close(expected.Number("log_lambda"), OneSidedMixtureTest.LogLambda(input.Number("delta"), se2, tau2, input.Number("theta0")),
            Distribution, 1, "ln Λ");
        Close(expected.Number("half_width"), OneSidedMixtureTest.HalfWidth(se2, tau2, input.Number("alpha")), Distribution, what: "half-width");
    }

    [Theory, MemberData(nameof(LookCases))]
    public void AGuardrailLookThroughTheAnalyzerMatchesTheReference(string id)
    {
        var (input, expected) = Case(id);
        var (samples, rule) = (Samples(input, input), Rule(input));
        var outcome = ExperimentAnalyzer.Analyze(Input(samples, rule, ExperimentSettings.Default));

        var report = outcome.Report.Metrics.Single().Comparisons.Single().Guardrail!;
        AssertReport(expected, report, rule);
        var state = outcome.States[ExperimentAnalyzer.GuardrailStateKey("latency", "treatment")];
        Assert.Equal(expected.GetProperty("error").ValueKind == JsonValueKind.Null ? 1 : 0, state.Looks);

        var look = Guardrail.Look(SequentialState.Initial, samples.Summary(0), samples.Summary(1), rule, Alpha,
            MixtureSequentialTest.TauSquared(Alpha, samples.Summary(0).Count + samples.Summary(1).Count, 1));
        Assert.Equal(state, look.State);
        if (expected.GetProperty("error").ValueKind != JsonValueKind.Null) return;
        Close(expected.Number("log_ratio"), look.LogRatio, Algebra, what: "ln ratio");
        Close(expected.Number("se"), look.StandardError, Algebra, what: "SE");
        Close(expected.Number("tau2"), look.TauSquared, Algebra, what: "τ²");
        Close(expected.Number("p"), look.PValue, Distribution, what: "p");
        double half = (expected.Number("upper") - expected.Number("lower")) / 2;
        Close(expected.Number("lower"), look.Interval.Lower, Distribution, half, "lower");
        Close(expected.Number("upper"), look.Interval.Upper, Distribution, half, "upper");
        if (Nullable(expected, "null_log_ratio") is { } theta0) Close(theta0, look.NullLogRatio, Algebra, what: "θ₀");
        else Assert.Equal(double.NegativeInfinity, look.NullLogRatio);
        if (Nullable(expected, "log_lambda") is { } logLambda) Close(logLambda, look.LogLambda, Distribution, 1, "ln Λ");
    }

    [Theory, MemberData(nameof(SequenceCases))]
    public void TheRunningPAndBoundsAreCarriedInTheAnalyzersStates(string id)
    {
        var (input, expected) = Case(id);
        var rule = Rule(input);
        var settings = ExperimentSettings.Default;
        if (Nullable(input, "tau2") is { } tau2) settings = settings with { Options = settings.Options with { TauSquared = tau2 } };
        var key = ExperimentAnalyzer.GuardrailStateKey("latency", "treatment");

        IReadOnlyDictionary<string, SequentialState>? states = null;
        var looks = input.GetProperty("looks").EnumerateArray().ToArray();
        var wanted = expected.GetProperty("looks").EnumerateArray().ToArray();
        for (int i = 0; i < looks.Length; i++)
        {
            var samples = Samples(input, looks[i]);
            var outcome = ExperimentAnalyzer.Analyze(Input(samples, rule, settings), states);
            AssertReport(wanted[i], outcome.Report.Metrics.Single().Comparisons.Single().Guardrail!, rule, $"look {i + 1}: ");
            Assert.Equal(i + 1, outcome.States[key].Looks);
            // The metric's own mSPRT state is still there, beside the guardrail's.
            Assert.Equal(i + 1, outcome.States[ExperimentAnalyzer.StateKey("latency", "treatment")].Looks);
            states = outcome.States;
        }
    }

    [Fact]
    public void EvidenceAgainstTheToleranceIsExactlyARunningLowerBoundAboveIt()
    {
        // The p and the bound are the same test read two ways: Λ falls as θ₀ rises, so p < α at the tolerance exactly
        // when some look's bound, where Λ = 1/α, lies above it. Random sequences around the tolerance.
        var random = new Random(12);
        int agreeing = 0, withEvidence = 0;
        for (int sequence = 0; sequence < 400; sequence++)
        {
            bool higherIsBetter = sequence % 2 == 0;
            var rule = new GuardrailRule(higherIsBetter, 0.02 + 0.1 * random.NextDouble());
            double harm = rule.MaxDegradation * (0.5 + random.NextDouble()), ratio = higherIsBetter ? 1 - harm : 1 + harm;
            var state = SequentialState.Initial;
            for (int look = 1; look <= 20; look++)
            {
                long n = 200 * look;
                var control = new ArmSummary(n, 100 + random.NextDouble(), 900);
                var treatment = new ArmSummary(n, 100 * ratio + 3 * random.Gaussian() * 30 / Math.Sqrt(n), 900 * ratio * ratio);
                var result = Guardrail.Look(state, control, treatment, rule, Alpha, MixtureSequentialTest.TauSquared(Alpha, 2 * n, 1));
                Assert.Equal(StatisticsError.None, result.Error);
                state = result.State;
                bool evidence = state.AlwaysValidPValue < Alpha, above = state.Lower > rule.MaxDegradation;
                // Only a bound within rounding of the tolerance may disagree.
                if (evidence != above) Assert.True(Math.Abs(state.Lower - rule.MaxDegradation) < 1e-12, $"{state} against {rule}");
                else agreeing++;
                if (evidence) withEvidence++;
            }
        }
        Assert.True(withEvidence > 1_000 && agreeing > 7_900, $"{withEvidence} looks with evidence, {agreeing} agreeing");
    }

    [Fact]
    public void AnUntestableLookCarriesTheStateAndDoesNotBreachOnNaN()
    {
        var rule = new GuardrailRule(false, 0.05);
        var evidence = Guardrail.Look(SequentialState.Initial, new ArmSummary(20_000, 100, 400), new ArmSummary(20_000, 120, 400), rule,
            Alpha, MixtureSequentialTest.TauSquared(Alpha, 40_000, 1));
        Assert.True(evidence.Breached);

        var nan = Guardrail.Look(evidence.State, new ArmSummary(20_000, double.NaN, 400), new ArmSummary(20_000, 120, 400), rule, Alpha, 1);
        Assert.Equal(StatisticsError.InvalidInput, nan.Error);
        Assert.Equal(evidence.State, nan.State);
        Assert.False(nan.Breached);

        // Evidence once shown stays: a later look with no test but a degradation beyond the tolerance still breaches.
        var flat = Guardrail.Look(evidence.State, new ArmSummary(20_000, 100, 0), new ArmSummary(20_000, 120, 0), rule, Alpha, 1);
        Assert.Equal(StatisticsError.ZeroVariance, flat.Error);
        Assert.True(flat.Breached);
        Assert.Equal(evidence.AlwaysValidPValue, flat.AlwaysValidPValue);
    }

    [Fact]
    public void OnlyGuardrailMetricsGetAGuardrailState()
    {
        var samples = MetricSamples.Of(SampleMean.FromMoments(1000, 10, 4), SampleMean.FromMoments(1000, 10.2, 4));
        var input = new ExperimentInput([new ArmInput("control", 1, 1000), new ArmInput("treatment", 1, 1000)],
            [new MetricInput("a", AnalysisRole.Primary, samples), new MetricInput("b", AnalysisRole.Guardrail, samples, new GuardrailRule(true, 0.05))],
            ExperimentSettings.Default);
        var outcome = ExperimentAnalyzer.Analyze(input);
        Assert.Equal(["a/treatment", "b/treatment", "b/treatment/guardrail"], outcome.States.Keys.Order(StringComparer.Ordinal));
        Assert.Null(outcome.Report.Metrics[0].Comparisons[0].Guardrail);
        Assert.NotNull(outcome.Report.Metrics[1].Comparisons[0].Guardrail);
    }

    private static void AssertReport(JsonElement expected, GuardrailReport report, GuardrailRule rule, string where = "")
    {
        Assert.Equal(rule.HigherIsBetter ? "higher_better" : "lower_better", report.Direction);
        Assert.Equal(rule.MaxDegradation, report.MaxDegradation);
        Assert.Equal(expected.GetProperty("error").GetString(), report.Error);
        if (Nullable(expected, "degradation") is { } degradation) Close(degradation, report.Degradation!.Value, Algebra, what: where + "degradation");
        else Assert.Null(report.Degradation);
        Close(expected.Number("av_p"), report.AlwaysValidPValue!.Value, Distribution, what: where + "always-valid p");
        double? lower = Nullable(expected, "av_lower"), upper = Nullable(expected, "av_upper");
        double half = lower is { } l && upper is { } u ? (u - l) / 2 : 0;
        if (lower is { } low) Close(low, report.AlwaysValidInterval.Lower!.Value, Distribution, half, where + "always-valid lower");
        else Assert.Null(report.AlwaysValidInterval.Lower);
        if (upper is { } high) Close(high, report.AlwaysValidInterval.Upper!.Value, Distribution, half, where + "always-valid upper");
        else Assert.Null(report.AlwaysValidInterval.Upper);
        Assert.True(expected.GetProperty("breached").GetBoolean() == report.Breached, where + "breached");
    }

    private static ExperimentInput Input(MetricSamples samples, GuardrailRule rule, ExperimentSettings settings) =>
        new([new ArmInput("control", 1, samples.Summary(0).Count), new ArmInput("treatment", 1, samples.Summary(1).Count)],
            [new MetricInput("latency", AnalysisRole.Guardrail, samples, rule)], settings);

    private static MetricSamples Samples(JsonElement input, JsonElement arms)
    {
        var (control, treatment) = (arms.GetProperty("control"), arms.GetProperty("treatment"));
        return input.GetProperty("metric").GetString() == "conversion"
            ? MetricSamples.Of(Conversion(control), Conversion(treatment))
            : MetricSamples.Of(control.Arm(), treatment.Arm());
    }

    private static Proportion Conversion(JsonElement arm) => new(arm.GetProperty("n").GetInt64(), arm.GetProperty("c").GetInt64());

    private static GuardrailRule Rule(JsonElement input) =>
        new(input.GetProperty("direction").GetString() == "higher_better", input.Number("max_degradation"));

    private static double? Nullable(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
