using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Webhooks;
using Experimentation.Grains.Alerts;

namespace Experimentation.Grains.Webhooks;

/// <summary>The rules of a new subscription; the first broken one is refused, naming its field.</summary>
public sealed class WebhookSubscriptionValidator(WebhookUrlRule urls)
{
    public const int MinSecretLength = 16, MaxSecretLength = 256;

    /// <summary>The cheap checks run first, so a bad secret or event is reported without a DNS lookup.</summary>
    public async Task<CommandError?> Validate(WebhookSubscription subscription, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(subscription.Url)) return CommandError.Invalid("url", "is required");
        if (CheckSecret(subscription.Secret) is { } secret) return CommandError.Invalid("secret", secret);
        if (CheckEvents(subscription.Events) is { } events) return events;
        return await urls.Check(subscription.Url, ct) is { } url ? CommandError.Invalid("url", url) : null;
    }

    private static string? CheckSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret)) return "is required";
        return secret.Length is < MinSecretLength or > MaxSecretLength
            ? $"must be {MinSecretLength} to {MaxSecretLength} characters"
            : null;
    }

    private static CommandError? CheckEvents(string[]? events)
    {
        if (events is null || events.Length == 0)
            return CommandError.Invalid("events", $"must list at least one of: {string.Join(", ", AlertEvents.All)}");
        for (var i = 0; i < events.Length; i++)
        {
            if (!AlertEvents.All.Contains(events[i]))
                return CommandError.Invalid($"events[{i}]", $"is not an alert event; use one of: {string.Join(", ", AlertEvents.All)}");
        }
        return null;
    }
}
