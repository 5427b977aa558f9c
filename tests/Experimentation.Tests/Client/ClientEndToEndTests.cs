using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Experimentation.Assignment;
using Experimentation.Client;
using Experimentation.Client.Exposures;
using Experimentation.Client.Hosting;
using Experimentation.Client.Orleans;
using Experimentation.GrainInterfaces.Config;
using Experimentation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Core.Internal;

namespace Experimentation.Tests.Client;

/// <summary>
/// The C# client against the real platform: the gateway's SSE stream in HTTP mode, and the config grain's observer
/// in a service that embeds its own Orleans client. A lifecycle command over HTTP must reach local assignment.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ClientEndToEndTests(HostFixture platform)
{
    private const string User = "user-42";

    [Fact]
    public async Task AnHttpClientFollowsStartRampAndPauseOverTheStream()
    {
        var sink = new InMemoryExposureSink();
        var options = new ExperimentationClientOptions { ServerUrl = platform.Http.BaseAddress, ApiKey = TestKeys.Admin, Exposures = { LogOnAssign = true } };
        await using var client = ExperimentationClient.ForServer(options, sink);
        await client.StartAsync();
        await RunLifecycleAsync(client);
        await client.StopAsync();

        Assert.Equal(User, Assert.Single(sink.Exposures).UserId);
    }

    [Fact]
    public async Task AnEmbeddedClientFollowsStartRampAndPauseThroughTheObserver()
    {
        // A long poll interval, so the change can only have come through the observer in the time allowed.
        using var host = EmbeddedService(o => o.PollInterval = TimeSpan.FromMinutes(4));
        await host.StartAsync();
        var client = host.Services.GetRequiredService<ExperimentationClient>();
        Assert.True(client.Config.Loaded.IsCompletedSuccessfully);

        await RunLifecycleAsync(client);
        await host.StopAsync();
    }

    /// <summary>
    /// A config grain reactivated after its silo was lost has no subscribers, so the next change is pushed to nobody.
    /// The renewal answers the grain's version, and a client holding an older one reads the bundle: it catches up
    /// within one renewal interval, not one poll interval (four minutes here).
    /// </summary>
    [Fact]
    public async Task AnEmbeddedClientThatTheConfigGrainForgotCatchesUpAtItsNextRenewal()
    {
        var renewal = TimeSpan.FromSeconds(2);
        using var host = EmbeddedService(o =>
        {
            o.PollInterval = TimeSpan.FromMinutes(4);
            o.SubscriptionRenewInterval = renewal;
        });
        await host.StartAsync();
        var client = host.Services.GetRequiredService<ExperimentationClient>();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        Assert.True(client.Config.Loaded.IsCompletedSuccessfully);

        // What losing the grain's silo does to its subscriptions: the next activation starts with none.
        var config = grains.GetGrain<IConfigGrain>(IConfigGrain.Key);
        await config.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var changed = await (await (await platform.Http.PutAsJsonAsync("/api/config/holdout", new { percent = 0.5 })).AssertStatus(HttpStatusCode.OK)).Json();
        var version = changed.GetProperty("version").GetInt64();

        await Eventually.Until($"the client to hold version {version}", () => client.Version, v => v >= version,
            renewal + TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(10));
        // The host's own gateway renews every 5 s the same way; the tests after this one need its pushes again.
        await Eventually.Until($"the gateway to serve version {version}", async () =>
            JsonDocument.Parse(await platform.Http.GetStringAsync("/api/config")).RootElement.GetProperty("version").GetInt64(),
            v => v >= version, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        await (await platform.Http.PutAsJsonAsync("/api/config/holdout", new { percent = 0 })).AssertStatus(HttpStatusCode.OK);
        await host.StopAsync();
    }

    /// <summary>A service that embeds its own Orleans client connected to the fixture's silo, and the C# client on it.</summary>
    private IHost EmbeddedService(Action<ExperimentationClientOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, platform.Silo.GatewayPort))
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = HostFixture.ClusterId;
                o.ServiceId = HostFixture.ServiceId;
            }));
        builder.Services.AddEmbeddedExperimentationClient(configure);
        return builder.Build();
    }

    private async Task RunLifecycleAsync(ExperimentationClient client)
    {
        var key = Samples.Key("client");
        await (await platform.Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        Assert.Equal(AssignmentReason.UnknownExperiment, client.Assign(key, User).Reason);
        var (variant, color) = ExpectedVariant(key, User);

        await (await platform.Http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);
        await (await platform.Http.PostJson($"/api/experiments/{key}/traffic", """{"percent":100}""")).AssertStatus(HttpStatusCode.OK);
        var assigned = await WaitForAsync(client, $"{User} to be assigned in {key}", () => client.Assign(key, User), r => r.IsAssigned);
        Assert.Equal(variant, assigned.VariantKey);
        Assert.Equal(color, JsonDocument.Parse(assigned.VariantConfigJson!).RootElement.GetProperty("color").GetString());

        await (await platform.Http.PostJson($"/api/experiments/{key}/traffic", """{"percent":0}""")).AssertStatus(HttpStatusCode.OK);
        await WaitForAsync(client, $"{User} to leave the traffic of {key}", () => client.Assign(key, User), r => r.Reason == AssignmentReason.NotInTraffic);

        await (await platform.Http.PostJson($"/api/experiments/{key}/pause", """{"reason":"client test"}""")).AssertStatus(HttpStatusCode.OK);
        await WaitForAsync(client, $"{key} to pause", () => client.Assign(key, User), r => r.Reason == AssignmentReason.ExperimentNotRunning);
    }

    /// <summary>
    /// The variant docs/assignment.md step 6 gives the user of an experiment without a namespace, at full traffic, with
    /// Samples.AbJson's two equal weights: the experiment's key is its salt, and the variant is bucket(rest(h, 10000), 2).
    /// </summary>
    private static (string Variant, string Color) ExpectedVariant(string salt, string user)
    {
        Assert.True(AssignmentHash.TryHash(salt, user, out var hash));
        AssignmentHash.Reduce(hash, 10_000, out var rest);
        return AssignmentHash.Reduce(rest, 2) == 0 ? ("control", "blue") : ("green", "green");
    }

    /// <summary>Waits up to 5 s, far above the 1 s propagation target, for a local assignment to change.</summary>
    private static Task<AssignmentResult> WaitForAsync(ExperimentationClient client, string awaited, Func<AssignmentResult> assign,
        Func<AssignmentResult, bool> expected) =>
        Eventually.Until(awaited, assign, expected, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10),
            result => $"{result.Reason} at config version {client.Version}");
}
