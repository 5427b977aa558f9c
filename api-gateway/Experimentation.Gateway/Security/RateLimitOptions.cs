using System.ComponentModel.DataAnnotations;

namespace Experimentation.Gateway.Security;

/// <summary>
/// Per-key request limits, section <c>Experimentation:RateLimits</c> (docs/security.md, "Rate limits"): a token bucket
/// per key and policy, refilled every second, that answers 429 with Retry-After when empty.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Experimentation:RateLimits";

    /// <summary>POST /api/events. One request carries up to a batch of events, so this is far above any SDK's flush rate.</summary>
    public RateLimit Events { get; set; } = new() { PerSecond = 1_000, Burst = 2_000 };

    /// <summary>GET /api/assign: a server that cannot assign locally calls it per user.</summary>
    public RateLimit Assign { get; set; } = new() { PerSecond = 2_000, Burst = 4_000 };

    /// <summary>POST /api/analysis*, /api/power and the results queries, which compute.</summary>
    public RateLimit Analysis { get; set; } = new() { PerSecond = 50, Burst = 100 };

    /// <summary>Every write: experiments, metrics, namespaces, the holdout, webhooks, teams, users and keys.</summary>
    public RateLimit Writes { get; set; } = new() { PerSecond = 50, Burst = 200 };
}

/// <summary>One policy's bucket: <see cref="PerSecond"/> requests a second on average, up to <see cref="Burst"/> at once.</summary>
public sealed class RateLimit
{
    [Range(1, 1_000_000)]
    public int PerSecond { get; set; }

    [Range(1, 1_000_000)]
    public int Burst { get; set; }
}
