namespace Experimentation.GrainInterfaces.Webhooks;

/// <summary>A webhook as the API shows it: everything but the secret.</summary>
/// <param name="DisabledReason">Why it stopped getting deliveries, for example the receiver's 410 Gone.</param>
[GenerateSerializer, Immutable]
public sealed record WebhookView(
    Guid Id,
    string Url,
    string[] Events,
    WebhookStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt,
    string? DisabledReason);
