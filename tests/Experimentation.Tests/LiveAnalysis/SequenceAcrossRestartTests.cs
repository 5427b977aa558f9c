using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>The sequential state is durable: after a silo restart the next look continues the persisted sequence.</summary>
[Collection(RestartCollection.Name)]
public sealed class SequenceAcrossRestartTests(PlatformFixture platform)
{
    [Fact]
    public async Task ASiloRestartBetweenTwoLooksContinuesTheSequence()
    {
        var day = DateTimeOffset.UtcNow.AddHours(-2);
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "restart-look", ["control", "treatment"]);
        await live.ExposeAsync([4000, 4000], day);
        await live.ConvertAsync(0, 0, 400, day.AddMinutes(5));
        await live.ConvertAsync(1, 0, 640, day.AddMinutes(5));
        var before = await live.SettledAsync([4000, 4000], [400, 640]);
        var pBefore = LiveExperiment.AlwaysValidP(LiveExperiment.Comparison(before));

        await platform.RestartAsync();

        var restarted = new LiveExperiment(platform.Http, live.Key, ["control", "treatment"]);
        await restarted.ConvertAsync(0, 400, 640, day.AddMinutes(50));
        var after = await restarted.SettledAsync([4000, 4000], [640, 640]);

        // A fresh activation that forgot the sequence would show this look's own p (above 0.5) and restart at look 1.
        Assert.True(after.GetProperty("look").GetInt64() > before.GetProperty("look").GetInt64());
        Assert.Equal(pBefore, LiveExperiment.AlwaysValidP(LiveExperiment.Comparison(after)));
    }
}
