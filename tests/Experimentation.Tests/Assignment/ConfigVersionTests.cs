using System.Net;
using System.Text;
using Experimentation.GrainInterfaces.Config;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Assignment;

/// <summary>The holdout limit is one rule, the config grain's, and a refused holdout changes nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ConfigVersionTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    private IConfigGrain ConfigGrain => platform.Grains.GetGrain<IConfigGrain>(IConfigGrain.Key);

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

    // Other tests assign through the gateway, so they must not start before it has seen the holdout go.
    private async Task ResetHoldout()
    {
        await ConfigGrain.SetHoldout(0);
        await Config.WaitFor(Http, b => b.GetProperty("holdoutBasisPoints").GetInt32() == 0);
    }

    private Task<HttpResponseMessage> PutHoldout(string json) =>
        Http.PutAsync("/api/config/holdout", new StringContent(json, Encoding.UTF8, "application/json"));
}
