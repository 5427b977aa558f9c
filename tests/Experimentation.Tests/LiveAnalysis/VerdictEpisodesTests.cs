using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Alerts;
using Experimentation.Grains.Analysis;
using Experimentation.Statistics;
using Experimentation.Statistics.Reports;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>Verdicts act once per episode: at the look that opens it, again only after it closed and reopened.</summary>
public sealed class VerdictEpisodesTests
{
    private static readonly ExperimentDefinition Definition = Samples.Ab() with
    {
        Metrics =
        [
            new MetricBinding("buy", MetricRole.Primary, MetricDirection.HigherBetter, 0.05),
            new MetricBinding("errors", MetricRole.Guardrail, MetricDirection.LowerBetter, 0.05, GuardrailAction.Alert),
        ],
    };

    private static ExperimentReport Look(long look, long[] units, Proportion[] buy, Proportion[] errors)
    {
        var arms = new[] { new ArmInput("control", 1, units[0]), new ArmInput("green", 1, units[1]) };
        var input = new ExperimentInput(arms,
        [
            new MetricInput("buy", AnalysisRole.Primary, MetricSamples.Of(buy), HigherIsBetter: true),
            new MetricInput("errors", AnalysisRole.Guardrail, MetricSamples.Of(errors), new GuardrailRule(false, 0.05)),
        ], ExperimentSettings.Default with { Options = AnalysisOptions.Default with { DecisionMode = Statistics.DecisionMode.Sequential } });
        var analysis = ExperimentAnalyzer.Analyze(input).Report;
        return new ExperimentReport("x", "running", look, DateTimeOffset.UnixEpoch.AddMinutes(look), null, new ExcludedExposures(0, 0, 0), analysis);
    }

    [Fact]
    public void AnSrmEpisodeAlertsWhenItOpensAndAgainOnlyAfterItClosed()
    {
        Proportion[] quiet = [new(10_000, 1000), new(10_000, 1000)];
        var skewed = Look(1, [10_000, 11_000], quiet, [new(10_000, 100), new(10_000, 100)]);
        var even = Look(3, [10_000, 10_000], quiet, [new(10_000, 100), new(10_000, 100)]);

        var first = VerdictEpisodes.Of(skewed, Definition, []);
        var again = VerdictEpisodes.Of(skewed with { Look = 2 }, Definition, first.Open);
        var closed = VerdictEpisodes.Of(even, Definition, again.Open);
        var reopened = VerdictEpisodes.Of(skewed with { Look = 4 }, Definition, closed.Open);

        Assert.Equal([AlertEvents.SrmDetected], first.Alerts.Select(a => a.Event));
        Assert.Empty(again.Alerts);
        Assert.DoesNotContain("srm", closed.Open);
        Assert.Equal([AlertEvents.SrmDetected], reopened.Alerts.Select(a => a.Event));
    }

    [Fact]
    public void AGuardrailBreachIsReportedOnceWithTheBindingsActionAndEfficacyAlertsOnce()
    {
        // Errors double in green (2% against 1%), and purchases rise from 10% to 13%.
        var look = Look(7, [20_000, 20_000], [new(20_000, 2000), new(20_000, 2600)], [new(20_000, 200), new(20_000, 400)]);

        var opened = VerdictEpisodes.Of(look, Definition, []);
        var next = VerdictEpisodes.Of(look with { Look = 8 }, Definition, opened.Open);

        var breach = Assert.Single(opened.Breaches);
        Assert.Equal(("errors", "green", GuardrailAction.Alert, "errors/green/7"), (breach.MetricKey, breach.Treatment, breach.Action, breach.BreachId));
        Assert.InRange(breach.Degradation!.Value, 0.9, 1.1);
        Assert.Contains(AlertEvents.SequentialEfficacy, opened.Alerts.Select(a => a.Event));
        Assert.Empty(next.Breaches);
        Assert.Empty(next.Alerts);
    }
}
