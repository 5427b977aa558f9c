using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;
using System.Text.Json;
using Marten;

namespace Experimentation.Tests.Experiments;

/// <summary>State is a fold of the Marten stream: it survives restarts, and one writer loses no update.</summary>
[Collection(RestartCollection.Name)]
public sealed class ExperimentDurabilityTests
{
    private readonly PlatformFixture _platform;

    public ExperimentDurabilityTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task StateAndHistoryAfterASiloRestartEqualThoseBefore()
    {
        var key = Samples.Key("restart");
        var grain = _platform.Grains.GetGrain<IExperimentGrain>(key);
        await grain.Create(Samples.Ab());
        await grain.Start();
        await grain.Pause("holiday traffic");
        var before = await grain.Get();
        var historyBefore = await grain.GetHistory();

        await _platform.RestartAsync();

        var after = _platform.Grains.GetGrain<IExperimentGrain>(key);
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(await after.Get()));
        Assert.Equal(historyBefore, await after.GetHistory());
        Assert.True((await after.Resume()).Accepted);
    }

    [Fact]
    public async Task FiftyConcurrentCommandsToOneExperimentLoseNoUpdate()
    {
        var grain = _platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("concurrent"));
        await grain.Create(Samples.Ab());

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => grain.UpdateDraft(Samples.Ab($"name {i}"))));

        Assert.All(results, r => Assert.True(r.Accepted, r.Error?.Message));
        var history = await grain.GetHistory();
        Assert.Equal(51, history.Length);
        Assert.Equal(Enumerable.Range(1, 51).Select(v => (long)v), history.Select(h => h.Version));
        Assert.Equal(50, history.Skip(1).Select(h => h.Data).Distinct().Count());
        Assert.Equal(51, (await grain.Get())!.Version);
    }

    [Fact]
    public async Task AForeignWriteIsDetectedAsAConflictAndTheGrainRecovers()
    {
        var key = Samples.Key("foreign");
        var grain = _platform.Grains.GetGrain<IExperimentGrain>(key);
        await grain.Create(Samples.Ab());
        using (var store = DocumentStore.For(o => Experimentation.Grains.MartenSetup.Configure(o, _platform.Database.ConnectionString)))
        {
            await using var session = store.LightweightSession();
            session.Events.Append(key, 2L, new Experimentation.Grains.Experiments.Events.ExperimentStarted(DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var stale = await grain.Start();
        var fresh = await grain.Pause("after the foreign start");

        Assert.Equal(CommandErrorKind.Conflict, stale.Error!.Kind);
        Assert.True(fresh.Accepted, fresh.Error?.Message);
        Assert.Equal(3, (await grain.GetHistory()).Length);
    }
}
