using System.Diagnostics.Metrics;

namespace Experimentation.Grains.Observability;

/// <summary>
/// The platform's domain meters (docs/observability.md lists each one). Exported by the hosts' OpenTelemetry setup,
/// which subscribes to the meter by <see cref="Name"/>; with no listener an instrument costs a branch.
/// </summary>
public static class DomainMeters
{
    /// <summary>The meter's name; the gateway's instruments use it too.</summary>
    public const string Name = "Experimentation";

    private static readonly Meter Meter = new(Name, "1.0");

    /// <summary>Events stored for the first time by a shard commit.</summary>
    public static readonly Counter<long> EventsAccepted = Meter.CreateCounter<long>("experimentation.events.accepted", "{event}",
        "Events a shard stored for the first time");

    /// <summary>Events whose id was already stored (client retries, stream redelivery).</summary>
    public static readonly Counter<long> EventsDuplicate = Meter.CreateCounter<long>("experimentation.events.duplicate", "{event}",
        "Events recognised as already stored and not counted again");

    /// <summary>Stored exposures that count for nothing: the experiment was not running, or the variant is unknown.</summary>
    public static readonly Counter<long> EventsMismatched = Meter.CreateCounter<long>("experimentation.events.mismatched", "{event}",
        "Exposures stored but excluded: experiment not running or unknown variant (tag reason)");

    public static readonly Histogram<double> ShardCommitDuration = Meter.CreateHistogram<double>("experimentation.shard.commit.duration", "s",
        "Time of one shard commit: the raw-event transaction and the fold");

    public static readonly Histogram<long> ShardCommitBatchSize = Meter.CreateHistogram<long>("experimentation.shard.commit.events", "{event}",
        "Events in one shard commit (group commit takes every batch queued meanwhile)");

    public static readonly Histogram<double> LookDuration = Meter.CreateHistogram<double>("experimentation.look.duration", "s",
        "Time to take and persist one look of an experiment's analysis");

    public static readonly Counter<long> GuardrailBreaches = Meter.CreateCounter<long>("experimentation.guardrail.breaches", "{breach}",
        "Guardrail breaches recorded on an experiment (tag action)");

    public static readonly Counter<long> ConfigPushes = Meter.CreateCounter<long>("experimentation.config.pushes", "{push}",
        "Config bundles published to the observers (gateways, embedded clients)");

    private static long _configVersion;

    /// <summary>The version of the config bundle last published by this silo.</summary>
    public static void SetConfigVersion(long version) => Interlocked.Exchange(ref _configVersion, version);

    public static readonly ObservableGauge<long> ConfigVersion = Meter.CreateObservableGauge("experimentation.config.version",
        () => Interlocked.Read(ref _configVersion), "{version}", "Version of the config bundle this silo last published");

    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("experimentation.webhook.deliveries", "{attempt}",
        "Webhook delivery attempts (tag outcome: delivered, retry, failed, gone)");
}
