using System.Net;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Experimentation.Tests.Experiments;

/// <summary>
/// The real host (silo/Experimentation.Silo, as scripts/run.sh starts it) in its own process: health probes, the API
/// reference, and README's embedded-client snippet connecting with localhost clustering.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HostTests(HostFixture host)
{
    [Fact]
    public async Task TheHostAnswersProbesServesItsReferenceAndAcceptsAnEmbeddedClient()
    {
        var http = host.Http;

        Assert.Equal("Healthy", await http.GetStringAsync("/alive"));
        Assert.Equal("Healthy", await http.GetStringAsync("/health"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/docs/")).StatusCode);

        // README's snippet, with the test's gateway port instead of the default 30000.
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(host.Silo.GatewayPort, serviceId: "experimentation", clusterId: "experimentation"));
        using var service = builder.Build();
        await service.StartAsync();
        var grains = service.Services.GetRequiredService<IClusterClient>();
        var key = Samples.Key("readme");
        var experiment = grains.GetGrain<IExperimentGrain>(key);
        Assert.True((await experiment.Create(Samples.Ab())).Accepted);
        var result = await experiment.Pause("payment bug");

        Assert.False(result.Accepted);
        Assert.Equal(CommandErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/experiments/{key}")).StatusCode);
        await service.StopAsync();
    }
}
