using Xunit;

namespace Experimentation.Statistics.Tests;

/// <summary>The recommendation follows the report's verdicts: SRM, then harm, then a win, then futility.</summary>
public class RecommendationsTests
{
    private static readonly ExperimentSettings Settings = ExperimentSettings.Default with
    {
        Recommend = true,
        Mde = 0.05,
        Options = AnalysisOptions.Default with { DecisionMode = DecisionMode.Sequential },
    };

    private static Statistics.Reports.RecommendationReport Decide(Proportion[] arms, bool higherIsBetter = true, GuardrailRule? guardrail = null,
        Proportion[]? guardrailArms = null, ExperimentSettings? settings = null)
    {
        var metrics = new List<MetricInput> { new("m", AnalysisRole.Primary, MetricSamples.Of(arms), HigherIsBetter: higherIsBetter) };
        if (guardrail is not null) metrics.Add(new MetricInput("g", AnalysisRole.Guardrail, MetricSamples.Of(guardrailArms!), guardrail));
        var input = new ExperimentInput(arms.Select((a, i) => new ArmInput(i == 0 ? "control" : $"t{i}", 1, a.Count)).ToArray(), metrics, settings ?? Settings);
        return ExperimentAnalyzer.Analyze(input).Report.Recommendation!;
    }

    [Fact]
    public void AClearWinOnAPrimaryMetricShipsThatTreatment()
    {
        var r = Decide([new(20_000, 2000), new(20_000, 2600)]);
        Assert.Equal(Recommendations.Ship, r.Decision);
        Assert.Equal("t1", r.Treatment);
    }

    [Fact]
    public void ASignificantlyWorsePrimaryMetricStops()
    {
        var r = Decide([new(20_000, 2000), new(20_000, 2600)], higherIsBetter: false);
        Assert.Equal(Recommendations.Stop, r.Decision);
        Assert.Contains("worse", r.Reason);
    }

    [Fact]
    public void ABreachedGuardrailStopsEvenWhenThePrimaryMetricWins()
    {
        var r = Decide([new(20_000, 2000), new(20_000, 2600)], guardrail: new GuardrailRule(true, 0.05),
            guardrailArms: [new(20_000, 10_000), new(20_000, 8_000)]);
        Assert.Equal(Recommendations.Stop, r.Decision);
        Assert.Contains("Guardrail g", r.Reason);
    }

    [Fact]
    public void AFutileExperimentStopsAndAnUndecidedOneKeepsRunning()
    {
        // 200,000 users per arm at a 10% rate with no effect: the always-valid CI is far inside ±5% of 0.1.
        Assert.Equal(Recommendations.Stop, Decide([new(200_000, 20_000), new(200_000, 20_010)]).Decision);
        Assert.Equal(Recommendations.KeepRunning, Decide([new(500, 50), new(500, 52)]).Decision);
    }

    [Fact]
    public void ASampleRatioMismatchKeepsItRunningWhateverElseHolds()
    {
        var r = Decide([new(20_000, 2000), new(21_000, 2700)]);
        Assert.Equal(Recommendations.KeepRunning, r.Decision);
        Assert.Contains("SRM", r.Reason);
    }
}
