using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Experiments;

/// <summary>The definition rules, as the grain enforces them for every caller.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ExperimentDefinitionTests(PlatformFixture platform)
{
    private static readonly VariantDefinition Control = new("control", 1, "{}", true);
    private static readonly VariantDefinition B = new("b", 1, "{}", false);
    private static readonly VariantDefinition C = new("c", 1, "{}", false);

    public static TheoryData<string, ExperimentDefinition, string> InvalidDefinitions() => new()
    {
        { "an ab test with three variants", Samples.Ab() with { Variants = [Control, B, C] }, "variants" },
        { "a multivariate test with two variants", Samples.Ab() with { Type = ExperimentType.Multivariate }, "variants" },
        { "a rollout with two treatments", Samples.Ab() with { Type = ExperimentType.Rollout, Variants = [Control, B, C] }, "variants" },
        { "no control", Samples.Ab() with { Variants = [B, C] }, "variants" },
        { "two controls", Samples.Ab() with { Variants = [Control, B with { IsControl = true }] }, "variants" },
        { "duplicate variant keys", Samples.Ab() with { Variants = [Control, Control with { IsControl = false }] }, "variants[1].key" },
        { "a zero weight", Samples.Ab() with { Variants = [Control, B with { Weight = 0 }] }, "variants[1].weight" },
        { "a bad variant key", Samples.Ab() with { Variants = [Control, B with { Key = "B!" }] }, "variants[1].key" },
        { "config that is not JSON", Samples.Ab() with { Variants = [Control, B with { Config = "{nope" }] }, "variants[1].config" },
        { "traffic above 100", Samples.Ab() with { TrafficPercent = 100.5 }, "trafficPercent" },
        { "negative traffic", Samples.Ab() with { TrafficPercent = -1 }, "trafficPercent" },
        { "a blank name", Samples.Ab() with { Name = " " }, "name" },
        { "a blank hypothesis", Samples.Ab() with { Hypothesis = "" }, "hypothesis" },
        { "a blank owner team", Samples.Ab() with { OwnerTeam = "" }, "ownerTeam" },
        { "an end before the start", Samples.Ab() with { StartDate = DateTimeOffset.UnixEpoch.AddDays(2), EndDate = DateTimeOffset.UnixEpoch }, "endDate" },
        { "a namespace without slots", Samples.Ab() with { Namespace = new NamespaceClaim("checkout", 0) }, "namespace.slots" },
        { "a zero MDE", Samples.Ab() with { Mde = 0 }, "mde" },
        { "a CUPED pre-period beyond 60 days", Samples.Ab() with { CupedPreDays = 61 }, "cupedPreDays" },
        { "a negative CUPED pre-period", Samples.Ab() with { CupedPreDays = -1 }, "cupedPreDays" },
        { "an unregistered metric", Samples.Ab() with { Metrics = [new MetricBinding("no-such-metric", MetricRole.Primary, MetricDirection.HigherBetter, 0.05)] }, "metrics[0].metricKey" },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public async Task AnInvalidDefinitionIsRefusedWithTheFieldAndAppendsNothing(string why, ExperimentDefinition definition, string field)
    {
        var grain = platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("invalid"));

        var result = await grain.Create(definition);

        Assert.False(result.Accepted, why);
        Assert.Equal(CommandErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(field, result.Error.Field);
        Assert.Empty(await grain.GetHistory());
    }

    [Fact]
    public async Task AnInvalidKeyIsRefused()
    {
        var result = await platform.Grains.GetGrain<IExperimentGrain>("Not_Valid").Create(Samples.Ab());

        Assert.Equal("key", result.Error!.Field);
    }

    [Fact]
    public async Task RegisteredMetricsCanBeBound()
    {
        var metricKey = Samples.Key("revenue");
        var registry = platform.Grains.GetGrain<IMetricRegistryGrain>(0);
        Assert.True((await registry.Create(new MetricDefinition(metricKey, "Revenue", MetricType.Mean, "purchase",
            MetricAggregation.Sum, null, null, default))).Accepted);
        var binding = new MetricBinding(metricKey, MetricRole.Guardrail, MetricDirection.HigherBetter, 0.05);

        var result = await platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("bound")).Create(Samples.Ab() with { Metrics = [binding] });

        Assert.True(result.Accepted, result.Error?.Message);
        Assert.Equal(binding, Assert.Single(result.Value!.Definition.Metrics));
    }

    [Fact]
    public async Task MultivariateRolloutAndHoldoutShapesAreAccepted()
    {
        var shapes = new[]
        {
            Samples.Ab() with { Type = ExperimentType.Multivariate, Variants = [Control, B, C] },
            Samples.Ab() with { Type = ExperimentType.Rollout, TrafficPercent = 5 },
            Samples.Ab() with { Type = ExperimentType.Holdout, Variants = [Control with { Weight = 1 }, B with { Weight = 99 }] },
        };
        foreach (var shape in shapes)
        {
            var result = await platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("shape")).Create(shape);
            Assert.True(result.Accepted, result.Error?.Message);
        }
    }

    [Fact]
    public async Task OnlyADraftMayChangeItsVariants()
    {
        var grain = platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("weights"));
        await grain.Create(Samples.Ab());
        var reweighted = Samples.Ab() with { Variants = [Control with { Weight = 3 }, B with { Weight = 1 }] };
        Assert.True((await grain.UpdateDraft(reweighted)).Accepted);
        await grain.Start();

        var result = await grain.UpdateDraft(Samples.Ab());

        Assert.Equal(CommandErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal(3, (await grain.Get())!.Definition.Variants[0].Weight);
    }
}
