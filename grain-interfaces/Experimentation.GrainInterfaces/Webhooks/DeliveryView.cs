namespace Experimentation.GrainInterfaces.Webhooks;

/// <summary>One alert sent, or being sent, to one webhook.</summary>
/// <param name="Id">The <c>X-Experimentation-Delivery</c> header: the same on every attempt, so receivers dedupe by it.</param>
/// <param name="LastResponseCode">The HTTP status of the last attempt; null when it got no answer (timeout, refused).</param>
/// <param name="LastError">Why the last attempt failed without an answer, or which status it got.</param>
/// <param name="NextAttemptAt">When the next attempt is due while pending; null once settled.</param>
[GenerateSerializer, Immutable]
public sealed record DeliveryView(
    Guid Id,
    Guid WebhookId,
    Guid AlertId,
    string Event,
    string Experiment,
    DeliveryStatus Status,
    int Attempts,
    int? LastResponseCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);
