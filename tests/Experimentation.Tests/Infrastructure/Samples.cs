using Experimentation.GrainInterfaces.Experiments;

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
