using Experimentation.Client.Exposures;

namespace Experimentation.Client.Tests;

public sealed class ExposureDeduplicatorTests
{
    [Fact]
    public void APairIsNewOnceAndSeenAfterwards()
    {
        var dedupe = new ExposureDeduplicator(100);

        Assert.True(dedupe.TryAdd("checkout", "u1"));
        Assert.False(dedupe.TryAdd("checkout", "u1"));
        Assert.True(dedupe.TryAdd("checkout", "u2"));
        Assert.True(dedupe.TryAdd("hero", "u1"));
    }

    [Fact]
    public void MemoryStaysWithinTheCapacity()
    {
        var dedupe = new ExposureDeduplicator(100);

        for (int i = 0; i < 10_000; i++)
            dedupe.TryAdd("checkout", $"user-{i}");

        Assert.InRange(dedupe.Count, 51, 100);
    }

    [Fact]
    public void APairSurvivesHalfTheCapacityOfNewPairsAndIsForgottenAfterTheWholeCapacity()
    {
        var dedupe = new ExposureDeduplicator(10);
        dedupe.TryAdd("checkout", "first");
        for (int i = 0; i < 5; i++)
            dedupe.TryAdd("checkout", $"a-{i}");
        Assert.False(dedupe.TryAdd("checkout", "first"));

        for (int i = 0; i < 10; i++)
            dedupe.TryAdd("checkout", $"b-{i}");
        Assert.True(dedupe.TryAdd("checkout", "first"));
    }

    [Fact]
    public void APairThatKeepsBeingSeenIsNeverForgotten()
    {
        var dedupe = new ExposureDeduplicator(10);
        Assert.True(dedupe.TryAdd("checkout", "regular"));

        for (int i = 0; i < 1_000; i++)
        {
            dedupe.TryAdd("checkout", $"passer-by-{i}");
            if (i % 3 == 0)
                Assert.False(dedupe.TryAdd("checkout", "regular"));
        }
    }

    [Fact]
    public void ARemovedPairIsNewAgain()
    {
        var dedupe = new ExposureDeduplicator(10);
        dedupe.TryAdd("checkout", "u1");

        dedupe.Remove("checkout", "u1");

        Assert.True(dedupe.TryAdd("checkout", "u1"));
    }
}
