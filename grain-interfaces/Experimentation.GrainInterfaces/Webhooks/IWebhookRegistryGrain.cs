using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.GrainInterfaces.Webhooks;

/// <summary>
/// The webhook subscriptions and their delivery log, stored as Marten documents; a stateless worker, so any silo
/// answers. No answer ever carries a secret.
/// </summary>
public interface IWebhookRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Validates and stores a subscription with its secret encrypted. Refusals name the field: <c>url</c> (not absolute
    /// http(s), or pointing at a link-local or cloud metadata address, directly or through DNS), <c>secret</c>,
    /// <c>events</c> or <c>events[i]</c>.
    /// </summary>
    Task<CommandResult<WebhookView>> Create(WebhookSubscription subscription);

    /// <summary>Every webhook not deleted, oldest first.</summary>
    Task<WebhookView[]> List();

    Task<WebhookView?> Get(Guid id);

    /// <summary>Stops the webhook's deliveries at once and forgets its secret; false when no such webhook exists.</summary>
    Task<bool> Delete(Guid id);

    /// <summary>The webhook's deliveries, newest first, at most <paramref name="limit"/>; null when no such webhook exists.</summary>
    Task<DeliveryView[]?> Deliveries(Guid id, int limit);
}
