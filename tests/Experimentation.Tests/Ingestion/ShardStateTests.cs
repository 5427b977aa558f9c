using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Grains.Ingestion;
using static Experimentation.Tests.Ingestion.ShardLog;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// The shard's fold: the earliest exposure decides the variant whatever the arrival order, a replay and a snapshot
/// restore give the same sums, and a longer novelty window refolds to what a fresh fold gives.
/// </summary>
public sealed class ShardStateTests
{
    /// <summary>
    /// u1 is exposed to green at 2 h and to control at 1 h (the earliest, so control), with purchases at 1.5 h and 3 h;
    /// u2 is in control; u3 sees green twice, the earlier one arriving last; u4 buys and is never exposed.
    /// </summary>
    private static RawEvent[] Log() =>
    [
        Exposure("u1", "green", T0.AddHours(2)),
        Exposure("u1", "control", T0.AddHours(1)),
        Purchase("u1", 10, T0.AddHours(1.5)),
        Purchase("u1", 5, T0.AddHours(3)),
        Exposure("u2", "control", T0),
        Purchase("u2", 7, T0.AddMinutes(1)),
        Exposure("u3", "green", T0.AddMinutes(5)),
        Event("u3", "click", 2, T0.AddMinutes(3)),
        Exposure("u3", "green", T0.AddMinutes(1)),
        Purchase("u4", 3, T0),
    ];

    [Fact]
    public void TheEarliestExposureDecidesTheVariantWhateverTheArrivalOrder()
    {
        var plans = Plans(earlyDays: 1);
        var expected = Numbers(Fold(plans, Log()), "control", "green");
        var random = new Random(11);

        for (var trial = 0; trial < 300; trial++)
        {
            var arrival = Log().OrderBy(_ => random.Next()).ToArray();
            var state = Fold(plans, arrival);

            AssertSameNumbers(expected, Numbers(state, "control", "green"));
            Assert.Equal(new MismatchCounts(0, 0, 1), state.Mismatches[Experiment]);
        }
        var control = Fold(plans, Log()).PartialOf(Experiment, "control");
        Assert.Equal(2, control.Exposures.Sum(b => b.Users));
        Assert.Equal(22, control.Metrics.Single(m => m.MetricKey == Revenue).Sums.Values.TotalX);
        var green = Fold(plans, Log()).PartialOf(Experiment, "green");
        Assert.Equal(1, green.Exposures.Sum(b => b.Users));
        // u3's click at 3 min counts: their window starts at the earlier exposure, 1 min.
        Assert.Equal(2, green.Metrics.Single(m => m.MetricKey == PerClick).Sums.Values.TotalY);
    }

    [Fact]
    public void AConflictingLaterExposureIsTheMismatchAndChangesNothing()
    {
        var plans = Plans(earlyDays: 1);
        var state = Fold(plans, [Exposure("u", "control", T0), Purchase("u", 4, T0.AddMinutes(1)), Exposure("u", "green", T0.AddMinutes(2))]);

        Assert.Equal(new MismatchCounts(0, 0, 1), state.Mismatches[Experiment]);
        Assert.Equal(1, state.PartialOf(Experiment, "control").Exposures.Sum(b => b.Users));
        Assert.Empty(state.PartialOf(Experiment, "green").Exposures);
    }

    [Fact]
    public void AReplayOfTheSameLogGivesTheSameStateAndASnapshotRestoreTheSameSums()
    {
        var plans = Plans(earlyDays: 1);
        var log = Log().Concat(Enumerable.Range(0, 200).SelectMany(i => new[]
        {
            Exposure($"v{i}", i % 3 == 0 ? "green" : "control", T0.AddMinutes(i)),
            Purchase($"v{i}", 1e6 + (i % 17) / 64.0, T0.AddMinutes(i).AddDays(i % 4)),
            Purchase($"v{i}", 2e6 + (i % 5) / 64.0, T0.AddMinutes(i + 1)),
        })).ToArray();
        var live = Fold(plans, log);

        var replayed = Fold(plans, log);
        var restored = new ShardState(plans);
        ShardSnapshotCodec.Decode(restored, ShardSnapshotCodec.Read(ShardSnapshotCodec.Encode(live)));

        foreach (var variant in new[] { "control", "green" })
            Assert.Equivalent(live.PartialOf(Experiment, variant), replayed.PartialOf(Experiment, variant), strict: true);
        AssertSameNumbers(Numbers(live, "control", "green"), Numbers(restored, "control", "green"));
        Assert.Equal(live.Mismatches, restored.Mismatches);
        Assert.Equal(live.LastSeq, restored.LastSeq);
    }

    [Fact]
    public void ALongerNoveltyWindowRefoldsTheExperimentToWhatAFreshFoldGives()
    {
        var plans = Plans(earlyDays: 1);
        var log = Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            Exposure($"w{i}", i % 2 == 0 ? "green" : "control", T0.AddHours(i)),
            Purchase($"w{i}", 1 + i % 7, T0.AddHours(i).AddDays(0.5 * (i % 6))),
            Purchase($"w{i}", 2, T0.AddHours(i).AddDays(1.5)),
        }).ToArray();
        var state = Fold(plans, log);
        var sumsBefore = state.PartialOf(Experiment, "green").Metrics.Select(m => m.Sums).ToArray();
        state.TakeDirty();

        plans[Experiment] = plans[Experiment] with { NoveltyEarlyDays = 2 };
        var refolded = state.SyncNoveltyWindows();

        Assert.Equal([Experiment], refolded);
        Assert.Equal(2, state.NoveltyEarlyDaysOf(Experiment));
        Assert.Equal(2, state.PartialOf(Experiment, "green").NoveltyEarlyDays);
        Assert.Equivalent(new[] { (Experiment, "control"), (Experiment, "green") }, state.TakeDirty().Variants);
        Assert.Equal(sumsBefore, state.PartialOf(Experiment, "green").Metrics.Select(m => m.Sums).ToArray());
        AssertSameNumbers(Numbers(Fold(Plans(earlyDays: 2), log), "control", "green"), Numbers(state, "control", "green"));
        Assert.Empty(state.SyncNoveltyWindows());
    }

    [Fact]
    public void EveryExposedUserIsAUnitOfEveryMetric()
    {
        var state = Fold(Plans(earlyDays: 1),
        [
            Exposure("buyer", "control", T0), Purchase("buyer", 30, T0.AddMinutes(1)), Purchase("buyer", 10, T0.AddMinutes(2)),
            Exposure("idle", "control", T0),
            Exposure("clicker", "control", T0), Event("clicker", "click", 1, T0.AddMinutes(1)),
        ]);

        var metrics = state.PartialOf(Experiment, "control").Metrics.ToDictionary(m => m.MetricKey);
        Assert.All(metrics.Values, m => Assert.Equal(3, m.Sums.Count));
        // The avg is Σ value / Σ events over all three: (40 + 0 + 0) / (2 + 0 + 0), with two users at (0, 0).
        var basket = metrics[Basket].Sums.Values;
        Assert.Equal((2L, 40.0, 2.0), (basket.Zeros, basket.TotalX, basket.TotalY));
        Assert.Equal(3, metrics[Revenue].Novelty.Count);
        Assert.Equal(0, metrics[Basket].Novelty.Count);
    }
}
