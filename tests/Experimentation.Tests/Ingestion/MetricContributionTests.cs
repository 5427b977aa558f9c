using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Grains.Ingestion;
using static Experimentation.Tests.Ingestion.ShardLog;

namespace Experimentation.Tests.Ingestion;

/// <summary>One user's value per metric, and its split at exposure age E days for the novelty moments.</summary>
public sealed class MetricContributionTests
{
    private static readonly long FirstAt = T0.UtcTicks;

    [Fact]
    public void AnAvgIsTheUsersValueSumOverTheirEventCountAndAUserWithoutEventsIsAUnitAtZero()
    {
        var buyer = User(("purchase", 30, 0.5), ("purchase", 12, 1), ("purchase", 99, -0.1));
        var idle = User();

        Assert.Equal(new UserContribution(MetricSums.OfRatio(42, 2), default), Of(Basket, buyer, 2));
        Assert.Equal(new UserContribution(MetricSums.OfRatio(0, 0), default), Of(Basket, idle, 2));
        Assert.Equal(new PairedSums(1, 1, 0, 0, 0, 0, 0, 0, 0), Of(Basket, idle, 2).Sums.Values);
    }

    [Fact]
    public void TheNoveltyPairSplitsTheEventsAtEDaysOfExposureAge()
    {
        // Ages 0.5, 1.9, 2 (the first instant of the late window), 5 days, and one before exposure (never counted).
        var user = User(("purchase", 1, 0.5), ("purchase", 2, 1.9), ("purchase", 4, 2), ("purchase", 8, 5), ("purchase", 100, -1), ("click", 3, 1));

        Assert.Equal(new UserContribution(MetricSums.OfValue(15), PairedSums.Of(3, 12)), Of(Revenue, user, 2));
        Assert.Equal(new UserContribution(MetricSums.OfValue(4), PairedSums.Of(2, 2)), Of(Purchases, user, 2));
        Assert.Equal(new UserContribution(MetricSums.OfValue(1), PairedSums.Of(1, 1)), Of(Converted, user, 2));
        Assert.Equal(new UserContribution(MetricSums.OfValue(1), PairedSums.Of(1, 0)), Of(Converted, user, 6));
        Assert.Equal(new UserContribution(MetricSums.OfValue(15), PairedSums.Of(15, 0)), Of(Revenue, user, 6));
        // Ratios and avgs have no novelty pair.
        Assert.Equal(new UserContribution(MetricSums.OfRatio(15, 3), default), Of(PerClick, user, 2));
        Assert.Equal(new UserContribution(MetricSums.OfRatio(15, 4), default), Of(Basket, user, 2));
    }

    private static UserContribution Of(string metric, UserRecord user, int earlyDays) =>
        MetricContribution.Of(Metrics.Single(m => m.Key == metric), user, FirstAt, earlyDays);

    private static UserRecord User(params (string Type, double Value, double AgeDays)[] events)
    {
        var user = new UserRecord();
        foreach (var (type, value, age) in events)
            user.Events.Add(new UserMetricEvent(type, FirstAt + (long)(age * TimeSpan.TicksPerDay), value));
        return user;
    }
}
