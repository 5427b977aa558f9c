namespace Experimentation.Grains.Alerts;

/// <summary>
/// An alert in the outbox: stored in the same Marten session, so the same PostgreSQL transaction, as the event or look
/// that raised it, so an alert is never lost and never raised for something that did not commit. Delivery fans it
/// out to the matching webhooks and marks it dispatched.
/// </summary>
public sealed class PendingAlert
{
    /// <summary>A UUID, also the base of every delivery id made from it.</summary>
    public Guid Id { get; set; }

    /// <summary>One of <see cref="AlertEvents"/>.</summary>
    public string Event { get; set; } = "";

    public string Experiment { get; set; } = "";

    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>The delivery body, as JSON text, exactly as receivers get it.</summary>
    public string Payload { get; set; } = "";

    /// <summary>True once every matching webhook has a delivery for it.</summary>
    public bool Dispatched { get; set; }
}
