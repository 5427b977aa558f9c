using Experimentation.GrainInterfaces.Webhooks;
using JasperFx;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// One alert for one webhook, and the state of its sending. Its id is derived from both (<see cref="DeliveryIds"/>),
/// so fanning an alert out twice cannot make a second one. Every attempt is claimed with a revision-checked write
/// before it is sent, so two senders never run the same attempt, and a sender that dies mid-send leaves it due again.
/// </summary>
public sealed class Delivery : IRevisioned
{
    public Guid Id { get; set; }

    public Guid WebhookId { get; set; }

    public Guid AlertId { get; set; }

    public string Event { get; set; } = "";

    public string Experiment { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public int? LastResponseCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FirstAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>When a sender should next try it; null once it is settled (delivered, failed or disabled).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int Version { get; set; }

    /// <summary>Settles it as disabled: its webhook will never get it.</summary>
    public void Disable()
    {
        Status = DeliveryStatus.Disabled;
        NextAttemptAt = null;
    }

    public DeliveryView ToView() => new(Id, WebhookId, AlertId, Event, Experiment, Status, Attempts, LastResponseCode, LastError,
        CreatedAt, LastAttemptAt, NextAttemptAt, DeliveredAt);
}
