using System.Net;
using System.Text.Json;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>
/// While PostgreSQL refuses the platform's connections, a look cannot be persisted: the results endpoints answer 503
/// with Retry-After, show nothing new and lose nothing, and the next look after the outage continues the sequence.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class ResultsOutageTests(PlatformFixture platform)
{
    [Fact]
    public async Task ResultsAnswer503WithRetryAfterWhileTheDatabaseIsDownAndContinueAfterIt()
    {
        var day = DateTimeOffset.UtcNow.AddHours(-2);
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "outage", ["control", "treatment"]);
        await live.ExposeAsync([200, 200], day);
        var first = await live.SettledAsync([200, 200], [0, 0]);
        var firstJson = JsonSerializer.Serialize(first);

        // New acknowledged data that no look has seen yet, so the next query must take (and persist) a new look.
        await live.ConvertAsync(1, 0, 50, day.AddMinutes(5));
        var aggregator = platform.Grains.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(live.Key, "treatment"));
        await Eventually.Until("the treatment's aggregator to hold the 50 conversions",
            () => aggregator.Get(), s => s.Metrics.Sum(m => m.Sums.Conversions) == 50, TimeSpan.FromSeconds(20));

        await platform.Database.SetConnectionsAllowedAsync(false);
        try
        {
            foreach (var path in new[] { "", "?asOf=2030-01-01T00:00:00Z", "/looks", "/sequential" })
            {
                var url = $"/api/experiments/{live.Key}/results{path}";
                using var response = await platform.Http.GetAsync(url);
                await HttpAssertions.AssertStatus(response, HttpStatusCode.ServiceUnavailable);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            }
        }
        finally
        {
            await platform.Database.SetConnectionsAllowedAsync(true);
        }

        await Eventually.Until("the results to be readable again",
            async () => (await platform.Http.GetAsync($"/api/experiments/{live.Key}/results")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var report = await live.SettledAsync([200, 200], [0, 50]);
        // Nothing was shown or stored during the outage: the next look is the one after the first, and the first
        // replays unchanged.
        Assert.Equal(first.GetProperty("look").GetInt64() + 1, report.GetProperty("look").GetInt64());
        var replay = await live.ReportAsync($"?asOf={Uri.EscapeDataString(first.GetProperty("takenAt").GetString()!)}");
        Assert.Equal(firstJson, JsonSerializer.Serialize(replay));
    }
}
