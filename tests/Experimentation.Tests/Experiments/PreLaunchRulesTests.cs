using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.Grains.Experiments.Checks;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Experiments;

/// <summary>The pre-launch checks' pass, warn and fail rules as a pure function of their inputs (no platform needed).</summary>
public sealed class PreLaunchRulesTests
{
    private static readonly MetricDefinition Conversion = new("bought", "Bought", MetricType.Conversion, "purchase", MetricAggregation.Count, null, null, default);
    private static readonly MetricDefinition Mean = Conversion with { Key = "revenue", Type = MetricType.Mean, Aggregation = MetricAggregation.Sum };

    private static ExperimentDefinition Planned(MetricDefinition metric, PowerInputs power) => Samples.Ab() with
    {
        Metrics = [new MetricBinding(metric.Key, MetricRole.Primary, MetricDirection.HigherBetter, 0.05)],
        Mde = 0.05,
        Power = power,
    };

    [Fact]
    public void ADurationLongerThanTheScheduleWarnsWithBothSpans()
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var d = Planned(Conversion, new PowerInputs(0.12, null, 2000)) with { StartDate = start, EndDate = start.AddDays(14) };

        var duration = Check(Run(d, Conversion), PreLaunchChecks.Duration);

        Assert.Equal(CheckStatus.Warn, duration.Status);
        Assert.Contains("spans only 14 days", duration.Reason);
        Assert.True(duration.Value > 14);
    }

    [Fact]
    public void NoTrafficWarnsRatherThanFails()
    {
        var d = Planned(Conversion, new PowerInputs(0.12, null, 2000)) with { TrafficPercent = 0 };

        Assert.Equal(CheckStatus.Warn, Check(Run(d, Conversion), PreLaunchChecks.Duration).Status);
    }

    [Fact]
    public void AMeanMetricWithABaselineButNoSpreadWarnsNamingTheField()
    {
        var size = Check(Run(Planned(Mean, new PowerInputs(25, null, null)), Mean), PreLaunchChecks.SampleSize);

        Assert.Equal(CheckStatus.Warn, size.Status);
        Assert.Contains("power.standardDeviation", size.Reason);
    }

    [Fact]
    public void ARelativeMdeOfABaselineOfZeroAndAnMdeTooSmallToCountFail()
    {
        var zero = Check(Run(Planned(Mean, new PowerInputs(0, 3, null)), Mean), PreLaunchChecks.SampleSize);
        var tiny = Check(Run(Planned(Mean, new PowerInputs(1, 1e150, null)), Mean), PreLaunchChecks.SampleSize);

        Assert.Equal(CheckStatus.Fail, zero.Status);
        Assert.Equal(CheckStatus.Fail, tiny.Status);
        Assert.Contains("beyond any count", tiny.Reason);
    }

    [Fact]
    public void APercentileMetricHasNoSampleSizeFormula()
    {
        var percentile = Mean with { Type = MetricType.Percentile };

        Assert.Equal(CheckStatus.Warn, Check(Run(Planned(percentile, new PowerInputs(25, 40, null)), percentile), PreLaunchChecks.SampleSize).Status);
    }

    [Fact]
    public void TheExperimentsOwnSlotsAreNoCollision()
    {
        var d = Samples.Ab() with { Namespace = new NamespaceClaim("layer", 100) };
        var ns = new NamespaceView("layer", 100, "namespace:layer", [new SlotRange("mine", 0, 100)], default);

        var slots = Check(PreLaunchChecks.Run(new PreLaunchInputs("mine", d, null, null, ns)), PreLaunchChecks.NamespaceSlots);

        Assert.Equal(CheckStatus.Pass, slots.Status);
    }

    private static PreLaunchCheck[] Run(ExperimentDefinition d, MetricDefinition metric) =>
        PreLaunchChecks.Run(new PreLaunchInputs("x", d, metric, null, null));

    private static PreLaunchCheck Check(PreLaunchCheck[] checks, string name) => checks.Single(c => c.Name == name);
}
