using System.Diagnostics.Metrics;

namespace Experimentation.Gateway.Observability;

/// <summary>The gateway's instruments, on the platform's domain meter "Experimentation" (docs/observability.md).</summary>
public static class GatewayMeters
{
    private static readonly Meter Meter = new("Experimentation", "1.0");

    /// <summary>Events of refused batches: a batch with an invalid event stores nothing (400).</summary>
    public static readonly Counter<long> EventsRejected = Meter.CreateCounter<long>("experimentation.events.rejected", "{event}",
        "Invalid events in batches refused with 400; nothing of such a batch is stored");
}
