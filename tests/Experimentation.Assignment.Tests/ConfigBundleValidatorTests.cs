using System.Text.Json;

namespace Experimentation.Assignment.Tests;

public class ConfigBundleValidatorTests
{
    [Fact]
    public void ATypicalBundleIsValid() => Assert.Empty(ConfigBundleValidator.Validate(Bundles.Typical()));

    [Fact]
    public void RunningExperimentsMayNotShareSlotsEvenWhenARangeIsNestedPastItsNeighbour()
    {
        var bundle = Bundles.Typical() with
        {
            Experiments =
            [
                Bundles.Experiment("wide", "checkout", 0, 500),
                Bundles.Experiment("first", "checkout", 10, 20),
                Bundles.Experiment("second", "checkout", 30, 40),
                Bundles.Experiment("parked", "checkout", 0, 1000) with { IsRunning = false },
                Bundles.Experiment("elsewhere", "search", 0, 1000),
            ],
        };
        var errors = ConfigBundleValidator.Validate(bundle);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains("'wide'", e));
        var exception = Assert.Throws<ConfigBundleException>(() => AssignmentSnapshot.Compile(bundle));
        Assert.Equal(errors, exception.Errors);
    }

    [Fact]
    public void SaltsMustBeDistinctAcrossHoldoutNamespacesAndExperiments()
    {
        var bundle = Bundles.Typical() with
        {
            HoldoutSalt = "search",
            Experiments = [Bundles.Experiment("checkout", null, 0, 0)],
        };
        var errors = ConfigBundleValidator.Validate(bundle);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains("salts must be distinct", e));
        var resalted = bundle with { HoldoutSalt = "h", Experiments = [Bundles.Experiment("checkout", null, 0, 0) with { Salt = "checkout-2" }] };
        Assert.Empty(ConfigBundleValidator.Validate(resalted));
    }

    [Fact]
    public void EveryBrokenFieldIsReported()
    {
        var bundle = new ConfigBundle
        {
            HoldoutBasisPoints = 10_001,
            HoldoutSalt = new string('s', AssignmentLimits.MaxSaltUtf8Bytes + 1),
            Namespaces = [new NamespaceConfig { Key = "a", TotalSlots = 0 }, new NamespaceConfig { Key = "a" }, new NamespaceConfig { Key = "b" }],
            Experiments =
            [
                Bundles.Experiment("no-layer", "missing", 0, 10),
                Bundles.Experiment("bad-range", "b", 10, 10),
                Bundles.Experiment("past-end", "b", 900, 1001),
                Bundles.Experiment("traffic", null, 0, 0, -1),
                Bundles.Experiment("weights", null, 0, 0, 10_000, 0, 0),
                Bundles.Experiment("negative", null, 0, 0, 10_000, -1, 2),
                Bundles.Experiment("too-heavy", null, 0, 0, 10_000, AssignmentLimits.MaxTotalWeight, 1),
                Bundles.Experiment("empty", null, 0, 0) with { Variants = [] },
                Bundles.Experiment("twins", null, 0, 0) with { Variants = [new() { Key = "x", Weight = 1 }, new() { Key = "x", Weight = 1 }] },
                Bundles.Experiment("twins", null, 0, 0),
                Bundles.Experiment("", null, 0, 0),
            ],
        };
        string[] fragments =
        [
            "HoldoutBasisPoints", "salt of the global holdout", "has 0 slots", "'a' is declared twice", "'missing'",
            "'bad-range'", "'past-end'", "traffic of experiment 'traffic'", "'weights' sum to 0", "negative weight",
            "'too-heavy' sum to", "'empty' has no variants", "Variant 'x'", "'twins' is declared twice", "has no key",
        ];
        var errors = ConfigBundleValidator.Validate(bundle);
        Assert.All(fragments, f => Assert.Contains(errors, e => e.Contains(f, StringComparison.Ordinal)));
        Assert.Equal(fragments.Length, errors.Count);
    }

    [Fact]
    public void NullCollectionsFromAForeignSerializerAreReportedNotThrown()
    {
        var bundle = new ConfigBundle { Namespaces = null!, Experiments = [new ExperimentConfig { Key = "e", Variants = null! }] };
        Assert.Single(ConfigBundleValidator.Validate(bundle));
        Assert.Empty(ConfigBundleValidator.Validate(new ConfigBundle { Namespaces = null!, Experiments = null! }));
        Assert.Equal(0, AssignmentSnapshot.Compile(new ConfigBundle { Namespaces = null!, Experiments = null! }).LayerCount);
    }

    // Default options, and the Web defaults (camelCase) that the Orleans surrogate and the gateway use.
    [Theory]
    [InlineData(JsonSerializerDefaults.General)]
    [InlineData(JsonSerializerDefaults.Web)]
    public void ABundleSurvivesASystemTextJsonRoundTripWithTheSameAssignments(JsonSerializerDefaults defaults)
    {
        var options = new JsonSerializerOptions(defaults);
        var original = Bundles.Typical(holdoutBasisPoints: 150);
        var copy = JsonSerializer.Deserialize<ConfigBundle>(JsonSerializer.Serialize(original, options), options)!;
        var before = AssignmentSnapshot.Compile(original);
        var after = AssignmentSnapshot.Compile(copy);
        Assert.Equal(original.Version, after.Version);
        for (int i = 0; i < 1_000; i++)
            foreach (var key in before.ExperimentKeys)
                Assert.Equal(before.Assign(key, $"user-{i}"), after.Assign(key, $"user-{i}"));
    }

    [Fact]
    public void MissingJsonPropertiesTakeTheDocumentedDefaults()
    {
        var bundle = JsonSerializer.Deserialize<ConfigBundle>("""
            {"Namespaces":[{"Key":"n"}],"Experiments":[{"Key":"e","Namespace":"n","SlotEnd":10,"Variants":[{"Key":"a","Weight":1}]}]}
            """)!;
        Assert.Equal(ConfigBundle.DefaultHoldoutSalt, bundle.HoldoutSalt);
        Assert.Equal(NamespaceConfig.DefaultTotalSlots, bundle.Namespaces[0].TotalSlots);
        Assert.Equal(AssignmentLimits.BasisPointsScale, bundle.Experiments[0].TrafficBasisPoints);
        Assert.True(bundle.Experiments[0].IsRunning);
        Assert.Empty(ConfigBundleValidator.Validate(bundle));
    }
}
