using Experimentation.Assignment;
using Experimentation.Client.Config;

namespace Experimentation.Client.Tests;

public sealed class ConfigSnapshotCacheTests
{
    [Fact]
    public void ANewerBundleIsSwappedInAndAnOlderOrEqualOneIgnored()
    {
        var cache = new ConfigSnapshotCache();

        Assert.Equal(ConfigUpdateOutcome.Applied, cache.Apply(Bundles.Sample(2, checkoutTrafficBasisPoints: 0)));
        Assert.Equal(ConfigUpdateOutcome.NotNewer, cache.Apply(Bundles.Sample(1)));
        Assert.Equal(ConfigUpdateOutcome.NotNewer, cache.Apply(Bundles.Sample(2)));

        Assert.Equal(2, cache.Current.Version);
        Assert.Equal(AssignmentReason.NotInTraffic, cache.Current.Assign("checkout", "user-1").Reason);
        Assert.Equal(ConfigUpdateOutcome.Applied, cache.Apply(Bundles.Sample(3)));
        Assert.Equal(AssignmentReason.Assigned, cache.Current.Assign("checkout", "user-1").Reason);
    }

    [Fact]
    public void AnInvalidOrMalformedBundleLeavesTheLastGoodSnapshot()
    {
        var cache = new ConfigSnapshotCache();
        cache.Apply(Bundles.Sample(1));
        var good = cache.Current;

        Assert.Equal(ConfigUpdateOutcome.Rejected, cache.Apply(Bundles.Invalid(2)));
        Assert.Equal(ConfigUpdateOutcome.Rejected, cache.ApplyJson("{\"version\": 3, \"experiments\": [")); 
        Assert.Equal(ConfigUpdateOutcome.Rejected, cache.ApplyJson("null"));

        Assert.Same(good, cache.Current);
    }

    [Fact]
    public void AnEmptyFirstBundleCountsAsLoaded()
    {
        var cache = new ConfigSnapshotCache();

        Assert.Equal(ConfigUpdateOutcome.Applied, cache.ApplyJson("{\"version\":0}"));

        Assert.True(cache.Loaded.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ConcurrentDeliveriesEndAtTheHighestVersionAndReadersNeverSeeItGoBack()
    {
        var cache = new ConfigSnapshotCache();
        var bundles = Enumerable.Range(1, 200).Select(v => Bundles.Sample(v)).ToArray();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            long last = 0;
            while (!done.IsCancellationRequested)
            {
                long seen = cache.Current.Version;
                Assert.True(seen >= last, $"The version went back from {last} to {seen}.");
                last = seen;
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            foreach (var bundle in bundles.OrderBy(_ => Random.Shared.Next()))
                cache.Apply(bundle);
        })));
        await done.CancelAsync();
        await reader;

        Assert.Equal(200, cache.Current.Version);
    }

    [Fact]
    public async Task WaitingForAVersionEndsWhenItArrives()
    {
        var cache = new ConfigSnapshotCache();
        var waiting = cache.WaitForVersionAsync(3);
        cache.Apply(Bundles.Sample(2));
        Assert.False(waiting.IsCompleted);

        cache.Apply(Bundles.Sample(5));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void AHandlerThatThrowsStopsNeitherTheSwapNorTheOtherHandlers()
    {
        var cache = new ConfigSnapshotCache();
        long seen = 0;
        cache.Updated += _ => throw new InvalidOperationException("a broken handler");
        cache.Updated += snapshot => seen = snapshot.Version;

        Assert.Equal(ConfigUpdateOutcome.Applied, cache.Apply(Bundles.Sample(4)));

        Assert.Equal(4, seen);
        Assert.Equal(4, cache.Current.Version);
    }
}
