using Experimentation.Grains.Webhooks;
using Experimentation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Experimentation.Tests.Webhooks;

/// <summary>
/// The platform with webhook timings shrunk for tests (polls every 100 ms, retries within 200 ms, attempts time out
/// after 2 s), the test resolver, and one receiver that every test of the collection gives its own paths.
/// </summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        [$"{WebhookOptions.Section}:PollInterval"] = "00:00:00.100",
        [$"{WebhookOptions.Section}:Timeout"] = "00:00:02",
        [$"{WebhookOptions.Section}:BackoffBase"] = "00:00:00.020",
        [$"{WebhookOptions.Section}:BackoffCap"] = "00:00:00.200",
    };

    private PlatformFixture? _platform;
    private WebhookReceiver? _receiver;

    public TestHostResolver Resolver { get; } = new();

    public PlatformFixture Platform => _platform ?? throw new InvalidOperationException("Fixture not started.");

    public WebhookReceiver Receiver => _receiver ?? throw new InvalidOperationException("Fixture not started.");

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _platform = new PlatformFixture(Settings, silo => silo.Services.AddSingleton<IWebhookHostResolver>(Resolver));
        await _platform.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        if (_receiver is not null) await _receiver.DisposeAsync();
    }
}
