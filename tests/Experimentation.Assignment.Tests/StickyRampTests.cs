namespace Experimentation.Assignment.Tests;

/// <summary>
/// Ramping up only adds users: everyone assigned at a lower traffic share (or a narrower slot range) is still
/// assigned, to the same variant, after the increase. Checked for 100,000 users over a whole ramp.
/// </summary>
public class StickyRampTests
{
    private const int Users = 100_000;

    [Fact]
    public void RaisingTrafficNeverMovesAnAssignedUserAndOnlyAddsUsers()
    {
        int[] ramp = [0, 1, 100, 1_000, 2_000, 5_000, 9_999, 10_000];
        var steps = ramp.Select(traffic => Run(Bundle(traffic, 0, 600))).ToList();
        for (int step = 1; step < steps.Count; step++)
            Assert.True(AssertOnlyAdds(steps[step - 1], steps[step]) > 0, $"step {step} added nobody");

        // In-slot, not-held-out users are 60 % × 98.5 % of everyone; each step takes its traffic share of them.
        for (int step = 0; step < ramp.Length; step++)
        {
            double expected = Users * 0.6 * 0.985 * ramp[step] / 10_000.0;
            Assert.InRange(steps[step].Count(v => v is not null), expected * 0.95 - 50, expected * 1.05 + 50);
        }
    }

    [Fact]
    public void WideningTheSlotRangeNeverMovesAnAssignedUser()
    {
        var narrow = Run(Bundle(5_000, 200, 400));
        var wide = Run(Bundle(5_000, 100, 800));
        int added = AssertOnlyAdds(narrow, wide);
        Assert.True(added > 2 * narrow.Count(v => v is not null), $"{added} added");
    }

    /// <summary>Fails if any assigned user moved or dropped out; returns how many users joined.</summary>
    private static int AssertOnlyAdds(string?[] before, string?[] after)
    {
        int added = 0;
        for (int i = 0; i < Users; i++)
        {
            if (before[i] is not null)
                Assert.True(before[i] == after[i], $"user-{i} moved from {before[i]} to {after[i] ?? "nothing"}");
            else if (after[i] is not null)
                added++;
        }
        return added;
    }

    private static ConfigBundle Bundle(int traffic, int start, int end) => new()
    {
        HoldoutBasisPoints = 150,
        Namespaces = [new NamespaceConfig { Key = "checkout" }],
        Experiments = [Bundles.Experiment("ramped", "checkout", start, end, traffic, 1, 1, 2)],
    };

    private static string?[] Run(ConfigBundle bundle)
    {
        var snapshot = AssignmentSnapshot.Compile(bundle);
        var variants = new string?[Users];
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < Users; i++)
            variants[i] = snapshot.Assign("ramped", Bundles.UserId(buffer, "user-", i)).VariantKey;
        return variants;
    }
}
