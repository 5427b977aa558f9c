using System.Net;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Experimentation.Tests.Experiments;

/// <summary>
/// A service that embeds an Orleans client, as README shows: its own host, UseOrleansClient, and the grain interfaces.
/// Only the clustering differs from README, because the test host's gateway port is chosen at random.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EmbeddedClientTests(HostFixture platform)
{
    [Fact]
    public async Task AServiceWithItsOwnClusterClientRunsTheLifecycle()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, platform.Silo.GatewayPort))
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = HostFixture.ClusterId;
                o.ServiceId = HostFixture.ServiceId;
            }));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();

        var experiment = grains.GetGrain<IExperimentGrain>(Samples.Key("embedded"));
        var created = await experiment.Create(Samples.Ab());
        var started = await experiment.Start();
        var refused = await experiment.Resume();

        Assert.True(created.Accepted);
        Assert.Equal(ExperimentStatus.Running, started.Value!.Status);
        Assert.Equal(CommandErrorKind.Conflict, refused.Error!.Kind);
        Assert.Equal(2, (await experiment.GetHistory()).Length);
        await host.StopAsync();
    }
}
