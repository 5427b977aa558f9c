using System.Collections.Concurrent;
using Experimentation.Client.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Experimentation.Client.Tests;

/// <summary>The hosted client's HttpClients come from IHttpClientFactory, so a service can add its own handlers.</summary>
public sealed class HttpClientFactoryTests
{
    [Fact]
    public async Task HandlersAddedByTheServiceSeeTheStreamThePollsAndTheExposures()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(5));
        var requests = new ConcurrentQueue<string>();
        var stream = new ConcurrentQueue<string>();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddExperimentationClient(o =>
        {
            o.ServerUrl = server.Url;
            o.Exposures.LogOnAssign = true;
            o.Exposures.FlushInterval = TimeSpan.FromHours(1);
        }).AddHttpMessageHandler(() => new RecordingHandler(requests));
        builder.Services.AddHttpClient(ExperimentationHttpClients.Stream).AddHttpMessageHandler(() => new RecordingHandler(stream));
        using var host = builder.Build();

        await host.StartAsync();
        var client = host.Services.GetRequiredService<ExperimentationClient>();
        client.Assign("checkout", "user-1");
        await host.StopAsync();

        Assert.Equal(["/api/config/stream"], stream);
        Assert.Equal(["/api/events"], requests);
        Assert.Single(server.EventPosts);
    }

    [Fact]
    public async Task PollsGoThroughTheRequestsClient()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(2));
        server.StreamEnabled = false;
        var requests = new ConcurrentQueue<string>();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddExperimentationClient(o => o.ServerUrl = server.Url).AddHttpMessageHandler(() => new RecordingHandler(requests));
        using var host = builder.Build();

        await host.StartAsync();
        var version = host.Services.GetRequiredService<ExperimentationClient>().Version;
        await host.StopAsync();

        Assert.Equal(2, version);
        Assert.Contains("/api/config", requests);
        Assert.Equal(server.Polls, requests.Count(path => path == "/api/config"));
    }

    [Fact]
    public void TheStreamKeepsNoOverallTimeoutWhateverTheServiceConfigures()
    {
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.ConfigureHttpClient(http => http.Timeout = TimeSpan.FromMilliseconds(50)));
        services.AddExperimentationClient(o => o.ServerUrl = new Uri("http://127.0.0.1:1"));
        services.AddHttpClient(ExperimentationHttpClients.Stream).ConfigureHttpClient(http => http.Timeout = TimeSpan.FromMilliseconds(50));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        var streamClient = factory.CreateClient(ExperimentationHttpClients.Stream);
        var requestsClient = factory.CreateClient(ExperimentationHttpClients.Requests);

        Assert.Equal(Timeout.InfiniteTimeSpan, streamClient.Timeout);
        Assert.Equal(new Uri("http://127.0.0.1:1/"), streamClient.BaseAddress);
        Assert.Equal(new Uri("http://127.0.0.1:1/"), requestsClient.BaseAddress);
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> paths) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            paths.Enqueue(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
