using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Ingestion;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// The novelty split E = round(0.2 × W) days, at least 1: W is the definition's window when it has an end date,
/// else the days since the start, growing, which the shards' plans follow with the clock.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NoveltyWindowTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly PlatformFixture _platform;

    public NoveltyWindowTests(PlatformFixture platform) => _platform = platform;

    [Theory]
    [InlineData(28, 6)]   // 5.6
    [InlineData(14, 3)]   // 2.8
    [InlineData(10, 2)]
    [InlineData(12.5, 3)] // 2.5 rounds up
    [InlineData(7, 1)]    // 1.4
    [InlineData(2, 1)]    // 0.4, but at least one day
    public void TheEarlyWindowIsAFifthOfTheWindowInWholeDays(double windowDays, int earlyDays)
    {
        var fixedEnd = new ExperimentWindow(Start, Start.AddDays(windowDays));
        var growing = new ExperimentWindow(Start, null);

        Assert.Equal(earlyDays, fixedEnd.EarlyDays(Start.AddDays(1)));
        Assert.Equal(earlyDays, growing.EarlyDays(Start.AddDays(windowDays)));
        Assert.Equal(1, new ExperimentWindow(null, null).EarlyDays(Start));
    }

    [Fact]
    public void TheWindowIsTheDefinitionsWhenItHasAnEndDateAndElseSinceTheActualStart()
    {
        var startedAt = Start.AddHours(5);
        ExperimentView View(DateTimeOffset? startDate, DateTimeOffset? endDate) => new("x", ExperimentStatus.Running, 3,
            Samples.Ab() with { StartDate = startDate, EndDate = endDate }, Start, Start, startedAt, null, null, null, null, null, null);

        Assert.Equal(new ExperimentWindow(Start, Start.AddDays(20)), ExperimentWindow.Of(View(Start, Start.AddDays(20))));
        Assert.Equal(new ExperimentWindow(startedAt, Start.AddDays(20)), ExperimentWindow.Of(View(null, Start.AddDays(20))));
        Assert.Equal(new ExperimentWindow(startedAt, null), ExperimentWindow.Of(View(Start, null)));
    }

    [Fact]
    public async Task APlanFollowsAGrowingWindowWithTheClockAndKeepsAFixedOne()
    {
        var growing = await StartAsync(Samples.Ab());
        var fixedWindow = await StartAsync(Samples.Ab() with { StartDate = Start, EndDate = Start.AddDays(30) });
        var startedAt = (await _platform.Grains.GetGrain<IExperimentGrain>(growing).Get())!.StartedAt!.Value;
        var clock = new ManualClock(startedAt.AddDays(3));
        var plans = new ExperimentPlans(_platform.Grains, clock);

        await plans.RefreshAsync([growing, fixedWindow]);
        Assert.Equal((1, 6), (plans.Loaded[growing].NoveltyEarlyDays, plans.Loaded[fixedWindow].NoveltyEarlyDays));
        Assert.False(plans.AdvanceNoveltyWindows());

        clock.Now = startedAt.AddDays(8);   // W = 8 days: 1.6 rounds to 2
        Assert.True(plans.AdvanceNoveltyWindows());
        Assert.Equal((2, 6), (plans.Loaded[growing].NoveltyEarlyDays, plans.Loaded[fixedWindow].NoveltyEarlyDays));
        Assert.False(plans.AdvanceNoveltyWindows());
    }

    private async Task<string> StartAsync(ExperimentDefinition definition)
    {
        var key = Samples.Key("window");
        var grain = _platform.Grains.GetGrain<IExperimentGrain>(key);
        Assert.True((await grain.Create(definition)).Accepted);
        Assert.True((await grain.Start()).Accepted);
        return key;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
