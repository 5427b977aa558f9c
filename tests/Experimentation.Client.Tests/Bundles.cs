using Experimentation.Assignment;

namespace Experimentation.Client.Tests;

/// <summary>Small valid bundles: "checkout" is a layer of its own, "hero" owns all of namespace "home".</summary>
internal static class Bundles
{
    public static ConfigBundle Sample(long version, int checkoutTrafficBasisPoints = 10_000) => new()
    {
        Version = version,
        Namespaces = [new NamespaceConfig { Key = "home" }],
        Experiments =
        [
            new ExperimentConfig
            {
                Key = "checkout",
                TrafficBasisPoints = checkoutTrafficBasisPoints,
                Variants =
                [
                    new VariantConfig { Key = "control", Weight = 1, ConfigJson = """{"color":"blue"}""" },
                    new VariantConfig { Key = "green", Weight = 1, ConfigJson = """{"color":"green"}""" },
                ],
            },
            new ExperimentConfig
            {
                Key = "hero",
                Namespace = "home",
                SlotStart = 0,
                SlotEnd = NamespaceConfig.DefaultTotalSlots,
                Variants = [new VariantConfig { Key = "big", Weight = 1, ConfigJson = """{"size":"big"}""" }],
            },
        ],
    };

    /// <summary>Fails validation: an experiment without variants.</summary>
    public static ConfigBundle Invalid(long version) => new()
    {
        Version = version,
        Experiments = [new ExperimentConfig { Key = "broken" }],
    };
}
