using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Tests.Infrastructure;

/// <summary>Valid inputs to start from; each test changes what it is about.</summary>
public static class Samples
{
    /// <summary>A key no other test uses, so tests can share one database.</summary>
    public static string Key(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static ExperimentDefinition Ab(string name = "Green checkout button") => new(
        Name: name,
        Hypothesis: "A green button raises checkout conversion.",
        Type: ExperimentType.Ab,
        OwnerTeam: "checkout",
        Namespace: null,
        Variants:
        [
            new VariantDefinition("control", 1, """{"color":"blue"}""", IsControl: true),
            new VariantDefinition("green", 1, """{"color":"green"}""", IsControl: false),
        ],
        TrafficPercent: 100,
        StartDate: null,
        EndDate: null,
        Metrics: [],
        Mde: 0.02);

    /// <summary>
    /// A definition every pre-launch check passes: a primary conversion metric and a guardrail (registered with
    /// <see cref="RegisterMetricsAsync"/>), an MDE, and power inputs with a daily traffic.
    /// </summary>
    public static ExperimentDefinition Reviewable(string metricPrefix, string team = "checkout") => Ab() with
    {
        OwnerTeam = team,
        Metrics =
        [
            new MetricBinding(metricPrefix + "-checkout", MetricRole.Primary, MetricDirection.HigherBetter, MetricBinding.DefaultMaxDegradation),
            new MetricBinding(metricPrefix + "-refunds", MetricRole.Guardrail, MetricDirection.LowerBetter, MetricBinding.DefaultMaxDegradation),
        ],
        Mde = 0.05,
        Power = new PowerInputs(0.12, null, 2000),
    };

    /// <summary>Registers the two conversion metrics <see cref="Reviewable"/> binds.</summary>
    public static async Task RegisterMetricsAsync(IGrainFactory grains, string metricPrefix)
    {
        var registry = grains.GetGrain<IMetricRegistryGrain>(0);
        foreach (var (suffix, type) in new[] { ("-checkout", "checkout"), ("-refunds", "refund") })
        {
            var created = await registry.Create(new MetricDefinition(metricPrefix + suffix, type, MetricType.Conversion, type,
                MetricAggregation.Count, null, null, default));
            Assert.True(created.Accepted, created.Error?.Message);
        }
    }

    /// <summary>A JSON body for POST /api/experiments with the given key.</summary>
    public static string AbJson(string key) => $$"""
        {
          "key": "{{key}}",
          "name": "Green checkout button",
          "hypothesis": "A green button raises checkout conversion.",
          "type": "ab",
          "ownerTeam": "checkout",
          "variants": [
            { "key": "control", "weight": 1, "config": { "color": "blue" }, "control": true },
            { "key": "green", "weight": 1, "config": { "color": "green" } }
          ],
          "trafficPercent": 50,
          "mde": 0.02
        }
        """;
}
