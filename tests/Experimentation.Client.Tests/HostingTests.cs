using Experimentation.Assignment;
using Experimentation.Client.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Experimentation.Client.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task AHostedClientLoadsConfigAtStartAndDeliversExposuresAtStop()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(5));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddExperimentationClient(o =>
        {
            o.ServerUrl = server.Url;
            o.Exposures.LogOnAssign = true;
            o.Exposures.FlushInterval = TimeSpan.FromHours(1);
        });
        using var host = builder.Build();

        await host.StartAsync();
        var client = host.Services.GetRequiredService<ExperimentationClient>();
        var result = client.Assign("checkout", "user-1");
        await host.StopAsync();

        Assert.Equal(5, client.Version);
        Assert.Equal(AssignmentReason.Assigned, result.Reason);
        var posted = Assert.Single(server.EventPosts);
        Assert.Equal(result.VariantKey, posted[0].GetProperty("variant").GetString());
    }

    [Fact]
    public async Task AMissingServerUrlFailsAtHostStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddExperimentationClient(o => o.PollInterval = TimeSpan.Zero);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(failure.Failures, f => f.Contains("ServerUrl"));
        Assert.Contains(failure.Failures, f => f.Contains("PollInterval"));
    }
}
