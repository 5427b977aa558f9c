using Experimentation.Assignment;
using Microsoft.Extensions.Configuration;

namespace Experimentation.Benchmarks;

/// <summary>
/// The benchmark's fixed world: 100 experiments over 5 layers of 1,000 slots (20 per layer, 50 slots each,
/// 2–4 variants, 50–100 % traffic), a 1.5 % global holdout, and the same 100 experiments as
/// Microsoft.FeatureManagement variant flags allocated by percentile, so both libraries answer the same question.
/// </summary>
internal static class AssignmentWorkload
{
    public const int Layers = 5;
    public const int ExperimentsPerLayer = 20;

    public static string ExperimentKey(int layer, int index) => $"exp-{layer}-{index:00}";

    public static ConfigBundle Bundle()
    {
        var experiments = new List<ExperimentConfig>();
        for (int layer = 0; layer < Layers; layer++)
            for (int index = 0; index < ExperimentsPerLayer; index++)
            {
                int slotsEach = NamespaceConfig.DefaultTotalSlots / ExperimentsPerLayer;
                experiments.Add(new ExperimentConfig
                {
                    Key = ExperimentKey(layer, index),
                    Namespace = $"layer-{layer}",
                    SlotStart = index * slotsEach,
                    SlotEnd = (index + 1) * slotsEach,
                    TrafficBasisPoints = 5_000 + 500 * (index % 11),
                    Variants = Enumerable.Range(0, 2 + index % 3)
                        .Select(v => new VariantConfig { Key = $"v{v}", Weight = 1, ConfigJson = $$"""{"colour":"c{{v}}"}""" })
                        .ToArray(),
                });
            }
        return new ConfigBundle
        {
            Version = 1,
            HoldoutBasisPoints = 150,
            Namespaces = Enumerable.Range(0, Layers).Select(l => new NamespaceConfig { Key = $"layer-{l}" }).ToArray(),
            Experiments = experiments.ToArray(),
        };
    }

    /// <summary>
    /// The same experiments in FeatureManagement's in-memory configuration (Microsoft schema): an enabled flag
    /// per experiment, its variants, and percentile allocation splitting 0–100 evenly, seeded by the key.
    /// </summary>
    public static IConfiguration FeatureManagementConfiguration(ConfigBundle bundle)
    {
        var settings = new Dictionary<string, string?>();
        for (int f = 0; f < bundle.Experiments.Length; f++)
        {
            var experiment = bundle.Experiments[f];
            string flag = $"feature_management:feature_flags:{f}";
            settings[$"{flag}:id"] = experiment.Key;
            settings[$"{flag}:enabled"] = "true";
            settings[$"{flag}:allocation:seed"] = experiment.Key;
            int variants = experiment.Variants.Length;
            for (int v = 0; v < variants; v++)
            {
                settings[$"{flag}:variants:{v}:name"] = experiment.Variants[v].Key;
                settings[$"{flag}:variants:{v}:configuration_value"] = experiment.Variants[v].ConfigJson;
                settings[$"{flag}:allocation:percentile:{v}:variant"] = experiment.Variants[v].Key;
                settings[$"{flag}:allocation:percentile:{v}:from"] = (100 * v / variants).ToString();
                settings[$"{flag}:allocation:percentile:{v}:to"] = (100 * (v + 1) / variants).ToString();
            }
        }
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>Users shaped like real ids (about 20 characters), each paired with an experiment, in a fixed order.</summary>
    public static (string Experiment, string User)[] Calls(int count)
    {
        var random = new Random(20261125);
        return Enumerable.Range(0, count)
            .Select(_ => (ExperimentKey(random.Next(Layers), random.Next(ExperimentsPerLayer)), $"user-{random.NextInt64(1L << 50):x13}"))
            .ToArray();
    }
}
