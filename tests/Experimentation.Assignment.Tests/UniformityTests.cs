namespace Experimentation.Assignment.Tests;

/// <summary>
/// Statistical properties of the hash over a million sequential ids ("user-0", "user-1", …), the worst realistic
/// case for a weak hash. Each salt is a fixed seed, so a pass is reproducible; the threshold p > 0.001 is a
/// generous bound that a biased reduction or a correlated pair of draws would still fail by orders of magnitude.
/// </summary>
public class UniformityTests
{
    private const int Users = 1_000_000;
    private const double Alpha = 0.001;

    [Theory]
    [InlineData("checkout")]
    [InlineData("search-ranking")]
    [InlineData("prix-réduit")]
    public void SlotsAreUniformOverAThousandSlots(string salt)
    {
        var snapshot = AssignmentSnapshot.Compile(new ConfigBundle { Namespaces = [new NamespaceConfig { Key = salt }] });
        var counts = new long[NamespaceConfig.DefaultTotalSlots];
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < Users; i++)
            counts[snapshot.AssignInLayer(salt, Bundles.UserId(buffer, "user-", i)).Slot]++;
        AssertPValue(ChiSquared.UniformityPValue(counts));
    }

    [Theory]
    [InlineData("exp-a")]
    [InlineData("exp-b")]
    [InlineData("exp-🚀")]
    public void EqualWeightsGiveUniformVariants(string experiment)
    {
        var snapshot = AssignmentSnapshot.Compile(new ConfigBundle { Experiments = [Bundles.Experiment(experiment, null, 0, 0, 10_000, 1, 1, 1, 1, 1)] });
        var counts = new long[5];
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < Users; i++)
            counts[snapshot.Assign(experiment, Bundles.UserId(buffer, "user-", i)).VariantKey![1] - '0']++;
        AssertPValue(ChiSquared.UniformityPValue(counts));
    }

    [Fact]
    public void ObservedSharesMatchTrafficAndWeights()
    {
        int[] weights = [10, 20, 70];
        var snapshot = AssignmentSnapshot.Compile(new ConfigBundle { Experiments = [Bundles.Experiment("shares", null, 0, 0, 5_000, weights)] });
        var counts = new long[weights.Length];
        long assigned = 0;
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < Users; i++)
        {
            var result = snapshot.Assign("shares", Bundles.UserId(buffer, "user-", i));
            if (!result.IsAssigned) continue;
            assigned++;
            counts[result.VariantKey![1] - '0']++;
        }
        // Four binomial standard deviations: sqrt(0.25 / 1e6) = 0.0005 for the traffic share.
        Assert.InRange(assigned / (double)Users, 0.498, 0.502);
        for (int v = 0; v < weights.Length; v++)
            Assert.InRange(counts[v] / (double)assigned, weights[v] / 100.0 - 0.003, weights[v] / 100.0 + 0.003);
        var expected = weights.Select(w => assigned * w / 100.0).ToArray();
        AssertPValue(ChiSquared.UpperTail(ChiSquared.Statistic(counts, expected), weights.Length - 1));
    }

    [Theory]
    [InlineData("checkout", "search")]
    [InlineData("layer-1", "layer-2")]
    [InlineData("ui", "pricing")]
    public void TwoLayersAreIndependent(string first, string second)
    {
        var snapshot = AssignmentSnapshot.Compile(new ConfigBundle
        {
            Namespaces = [new NamespaceConfig { Key = first }, new NamespaceConfig { Key = second }],
        });
        var table = new long[10, 10];
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < Users; i++)
        {
            var user = Bundles.UserId(buffer, "user-", i);
            table[snapshot.AssignInLayer(first, user).Slot / 100, snapshot.AssignInLayer(second, user).Slot / 100]++;
        }
        AssertPValue(ChiSquared.IndependencePValue(table));
    }

    [Fact]
    public void TrafficAndVariantDrawnFromOneHashAreIndependent()
    {
        // Both come from the experiment hash (high word, then low word of h·10,000): check they do not correlate.
        var table = new long[10, 4];
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < Users; i++)
        {
            Assert.True(AssignmentHash.TryHash("exp-one-hash", Bundles.UserId(buffer, "user-", i), out ulong hash));
            int traffic = AssignmentHash.Reduce(hash, AssignmentLimits.BasisPointsScale, out ulong rest);
            table[traffic / 1_000, AssignmentHash.Reduce(rest, 4)]++;
        }
        AssertPValue(ChiSquared.IndependencePValue(table));
    }

    [Fact]
    public void AManipulatedHashFailsTheUniformityCheck()
    {
        // Guards the guard: a perfectly spread 10-bit value folded onto 1,000 slots with mod gives slots 0..23
        // twice the share of the others, a 2.4 % bias the test above must see.
        var counts = new long[1000];
        for (int i = 0; i < Users; i++)
            counts[i % 1024 % 1000]++;
        Assert.True(ChiSquared.UniformityPValue(counts) < Alpha);
    }

    private static void AssertPValue(double p) => Assert.True(p > Alpha, $"p = {p:G4}");
}
