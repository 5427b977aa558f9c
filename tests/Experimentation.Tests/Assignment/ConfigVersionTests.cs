using System.Net;
using System.Text;
using Experimentation.GrainInterfaces.Config;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Assignment;

/// <summary>The bundle version moves only when a valid bundle is published: a refusal never takes a number.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ConfigVersionTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    private IConfigGrain ConfigGrain => platform.Grains.GetGrain<IConfigGrain>(IConfigGrain.Key);

    [Fact]
    public async Task AnInvalidBundleTakesNoVersionAndTheNextValidOneTakesTheNextNumber()
    {
        var broken = await RunningInAMissingNamespace();
        try
        {
            await ConfigGrain.ExperimentChanged(broken);
            var held = await ConfigGrain.Get();
            await ConfigGrain.ExperimentChanged(broken with { Version = broken.Version + 1 });
            var stillHeld = await ConfigGrain.Get();

            await ConfigGrain.ExperimentChanged(broken with { Status = ExperimentStatus.Concluded });
            var next = await ConfigGrain.Get();

            Assert.Equal(held.Version, stillHeld.Version);
            Assert.DoesNotContain(stillHeld.Experiments, e => e.Key == broken.Key);
            Assert.Equal(held.Version + 1, next.Version);
        }
        finally
        {
            await ConfigGrain.ExperimentChanged(broken with { Status = ExperimentStatus.Concluded });
        }
    }

    [Fact]
    public async Task AHoldoutSetWhileTheBundleIsHeldBackShipsWithTheNextValidVersion()
    {
        var broken = await RunningInAMissingNamespace();
        try
        {
            await ConfigGrain.ExperimentChanged(broken);
            var held = await ConfigGrain.Get();

            var set = await ConfigGrain.SetHoldout(700);
            var afterSet = await ConfigGrain.Get();
            await ConfigGrain.ExperimentChanged(broken with { Status = ExperimentStatus.Concluded });
            var next = await ConfigGrain.Get();

            Assert.True(set.Accepted, set.Error?.Message);
            Assert.Equal(held.Version, afterSet.Version);
            Assert.Equal(held.Version + 1, next.Version);
            Assert.Equal(700, next.HoldoutBasisPoints);
        }
        finally
        {
            await ConfigGrain.ExperimentChanged(broken with { Status = ExperimentStatus.Concluded });
            await ResetHoldout();
        }
    }

    [Fact]
    public async Task ARefusedHoldoutLeavesTheVersionAndTheHoldoutUnchanged()
    {
        var before = await ConfigGrain.Get();

        var overHttp = await PutHoldout("""{"percent":50.01}""");
        var toTheGrain = await ConfigGrain.SetHoldout(IConfigGrain.MaxHoldoutBasisPoints + 1);
        var negative = await ConfigGrain.SetHoldout(-1);
        var after = await ConfigGrain.Get();

        var problem = await overHttp.AssertProblem(HttpStatusCode.BadRequest, "percent");
        Assert.Equal("percent", toTheGrain.Error!.Field);
        Assert.Equal("percent", negative.Error!.Field);
        Assert.Equal(problem.GetProperty("errors").GetProperty("percent")[0].GetString(), toTheGrain.Error.Message);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.HoldoutBasisPoints, after.HoldoutBasisPoints);
    }

    [Fact]
    public async Task TheGatewayAcceptsExactlyTheGrainsLargestHoldout()
    {
        try
        {
            var largest = await PutHoldout($$"""{"percent":{{IConfigGrain.MaxHoldoutBasisPoints / 100}}}""");

            Assert.Equal(HttpStatusCode.OK, largest.StatusCode);
            Assert.Equal(IConfigGrain.MaxHoldoutBasisPoints, (await ConfigGrain.Get()).HoldoutBasisPoints);
        }
        finally
        {
            await ResetHoldout();
        }
    }

    // A report the config grain cannot publish: the experiment runs in a namespace the bundle does not have.
    private async Task<ExperimentView> RunningInAMissingNamespace()
    {
        var key = Samples.Key("unpublishable");
        var draft = (await platform.Grains.GetGrain<IExperimentGrain>(key).Create(Samples.Ab())).Value!;
        return draft with
        {
            Status = ExperimentStatus.Running,
            Definition = draft.Definition with { Namespace = new NamespaceClaim(Samples.Key("missing"), 10) },
            Slots = new SlotRange(key, 0, 10),
        };
    }

    // Other tests assign through the gateway, so they must not start before it has seen the holdout go.
    private async Task ResetHoldout()
    {
        await ConfigGrain.SetHoldout(0);
        await Config.WaitFor(Http, b => b.GetProperty("holdoutBasisPoints").GetInt32() == 0);
    }

    private Task<HttpResponseMessage> PutHoldout(string json) =>
        Http.PutAsync("/api/config/holdout", new StringContent(json, Encoding.UTF8, "application/json"));
}
