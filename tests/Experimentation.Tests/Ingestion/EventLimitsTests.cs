using System.Net;
using System.Text;
using System.Text.Json;
using Experimentation.GrainInterfaces.Events;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>The documented batch and body limits of POST /api/events answer with ProblemDetails, never a 500.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EventLimitsTests
{
    private readonly PlatformFixture _platform;

    public EventLimitsTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task ABatchOverTheEventLimitIsRefusedNamingTheFirstEventPastIt()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var events = Enumerable.Range(0, EventLimits.MaxBatchEvents + 1).Select(i => Metric($"limit-{i}", PurchaseType, 1, at));

        using var response = await PostNdjsonAsync(_platform.Http, events);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty($"[{EventLimits.MaxBatchEvents}].body", out _));
    }

    [Fact]
    public async Task ABodyOverTheSizeLimitIs413WithProblemDetails()
    {
        // Raw HTTP: the server must refuse on Content-Length alone, before a byte of the 8 MB+ body is sent (an
        // HttpClient would keep streaming into the closed socket and report a broken pipe instead of the answer).
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_platform.Http.BaseAddress!.Host, _platform.Http.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer {TestKeys.Admin}\r\n" +
                   $"Content-Length: {EventLimits.MaxBodyBytes + 1}\r\nExpect: 100-continue\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var buffer = new byte[8192];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n") && read < buffer.Length)
            read += await stream.ReadAsync(buffer.AsMemory(read), timeout.Token);
        var response = Encoding.ASCII.GetString(buffer, 0, read);

        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("application/problem+json", response);
    }

    [Fact]
    public async Task AnEmptyBodyIsRefusedNamingTheBody()
    {
        using var response = await _platform.Http.PostAsync("/api/events", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("[0].body", out _));
    }
}
