using System.ComponentModel.DataAnnotations;

namespace Experimentation.Grains.Webhooks;

/// <summary>Settings of webhook delivery, bound from the "Experimentation:Webhooks" section (docs/automation.md).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Experimentation:Webhooks";

    /// <summary>How often the outbox and the due deliveries are read. Tests use about 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt may take, connection included, before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry waits up to this long; each later one up to twice the one before.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>No retry waits longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A delivery is retried until an attempt fails this long after its first; then it is failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Attempts in flight at once in one silo.</summary>
    [Range(1, 256)]
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>Attempts in flight at once to one webhook, so a slow receiver holds only its own share.</summary>
    [Range(1, 64)]
    public int MaxConcurrentPerWebhook { get; set; } = 2;

    /// <summary>Outbox alerts fanned out per poll.</summary>
    [Range(1, 10_000)]
    public int FanOutBatch { get; set; } = 100;

    /// <summary>
    /// How long a claimed attempt holds its delivery: if its silo dies mid-send, the delivery is due again after this
    /// and is sent again with the same id. Longer than any attempt can take, so a live attempt is never doubled.
    /// </summary>
    public TimeSpan Lease => Timeout * 2;
}
