using Experimentation.Client.Exposures;

namespace Experimentation.Client;

/// <summary>
/// Settings of an <see cref="ExperimentationClient"/>. The defaults suit a service on the same network as the
/// gateway; docs/client.md explains each one and the failure behaviour they shape.
/// </summary>
public sealed class ExperimentationClientOptions
{
    /// <summary>The gateway, for example <c>http://127.0.0.1:8080</c>. Required in HTTP mode; in embedded mode only the HTTP exposure sink uses it.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>
    /// The gateway key (role sdk is enough: config, assign and events), sent as <c>Authorization: Bearer</c> on every
    /// request. The embedded Orleans client needs none: it is inside the cluster's trust boundary (docs/security.md).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// How long <c>StartAsync</c> waits for the first bundle. After it the service starts anyway and every assignment
    /// returns its default until a bundle arrives, so an unreachable config source never blocks a deploy.
    /// </summary>
    public TimeSpan InitialLoadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While SSE is down (HTTP mode), how often GET /api/config is polled; in embedded mode, how often the config grain
    /// is read as a safety net beside the observer.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First wait before reconnecting a dropped SSE stream or retrying a failed subscription; it doubles per failure.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the doubling reconnect wait.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An SSE stream with no bytes (not even the server's 15 s keep-alive) for this long is taken as dead and
    /// reconnected: a half-open TCP connection would otherwise look like a quiet one forever.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Timeout of one poll, of opening the stream, and of one grain call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Embedded mode: how often the observer subscription is renewed. The config grain drops subscriptions after
    /// <c>IConfigGrain.SubscriptionLifetime</c> (5 min), so this stays well below it.
    /// </summary>
    public TimeSpan SubscriptionRenewInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Exposure logging: dedupe bound, batching and delivery.</summary>
    public ExposureOptions Exposures { get; set; } = new();

    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate(bool requireServerUrl)
    {
        var errors = new List<string>();
        if (requireServerUrl && ServerUrl is not { IsAbsoluteUri: true })
            errors.Add("ServerUrl must be an absolute http(s) URL of the gateway.");
        if (ApiKey is not null && (ApiKey.Length == 0 || ApiKey.Any(char.IsWhiteSpace)))
            errors.Add("ApiKey must be a key without spaces or line breaks (trim what you read from a key file).");
        Positive(InitialLoadTimeout, nameof(InitialLoadTimeout), errors, allowZero: true);
        Positive(PollInterval, nameof(PollInterval), errors);
        Positive(ReconnectDelay, nameof(ReconnectDelay), errors);
        Positive(MaxReconnectDelay, nameof(MaxReconnectDelay), errors);
        Positive(StreamIdleTimeout, nameof(StreamIdleTimeout), errors);
        Positive(RequestTimeout, nameof(RequestTimeout), errors);
        Positive(SubscriptionRenewInterval, nameof(SubscriptionRenewInterval), errors);
        if (SubscriptionRenewInterval >= TimeSpan.FromMinutes(5))
            errors.Add("SubscriptionRenewInterval must be below the config grain's 5 minute subscription lifetime.");
        errors.AddRange(Exposures.Validate());
        return errors;
    }

    internal static void Positive(TimeSpan value, string name, List<string> errors, bool allowZero = false)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
            errors.Add($"{name} must be {(allowZero ? "zero or more" : "positive")}.");
    }
}
