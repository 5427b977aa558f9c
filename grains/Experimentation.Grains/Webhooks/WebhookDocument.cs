using Experimentation.GrainInterfaces.Webhooks;
using Experimentation.Grains.Alerts;
using System.Text.Json.Serialization;
using JasperFx;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// A webhook subscription as stored. Numeric revisions make concurrent writers (the registry deleting, a sender
/// disabling after a 410) refuse each other instead of losing an update. Deleting keeps the row without its secret,
/// so the delivery log stays consistent and a late write can never bring the webhook back.
/// </summary>
public sealed class WebhookDocument : IRevisioned
{
    public Guid Id { get; set; }

    public string Url { get; set; } = "";

    /// <summary>The HMAC secret, encrypted by <see cref="SecretProtector"/>; empty once deleted.</summary>
    public string ProtectedSecret { get; set; } = "";

    public string[] Events { get; set; } = [];

    /// <summary>Alerts raised before this are not delivered to it.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public int Version { get; set; }

    [JsonIgnore]
    public bool Deleted => DeletedAt is not null;

    /// <summary>True while it gets deliveries: neither disabled nor deleted.</summary>
    [JsonIgnore]
    public bool Active => DisabledAt is null && DeletedAt is null;

    public bool Wants(PendingAlert alert) => Active && CreatedAt <= alert.RaisedAt && Events.Contains(alert.Event);

    public WebhookView ToView() => new(Id, Url, Events, DisabledAt is null ? WebhookStatus.Active : WebhookStatus.Disabled,
        CreatedAt, DisabledAt, DisabledReason);
}
