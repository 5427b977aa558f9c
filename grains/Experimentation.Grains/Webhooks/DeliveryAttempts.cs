using Experimentation.GrainInterfaces.Webhooks;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// The writes around one attempt, each checked against the delivery's revision: claim before sending, record after.
/// A claim moves the next attempt a lease ahead, so if the sender dies mid-send the delivery is due again once the
/// lease ends and goes out again with the same id (at least once). A refused write means another sender got there
/// first, and this one stands back.
/// </summary>
public sealed class DeliveryAttempts(IDocumentStore store, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const string GoneReason = "the receiver answered 410 Gone";

    private WebhookOptions Options => options.Value;

    /// <summary>Pending deliveries whose next attempt is due, soonest first.</summary>
    public async Task<IReadOnlyList<Delivery>> Due(int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        return await session.Query<Delivery>().Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(limit).ToListAsync(ct);
    }

    /// <summary>Counts the attempt and takes the lease; false when another sender claimed or settled it first.</summary>
    public async Task<bool> Claim(Delivery delivery, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.FirstAttemptAt ??= now;
        delivery.LastAttemptAt = now;
        delivery.NextAttemptAt = now + Options.Lease;
        return await Save(delivery, ct);
    }

    /// <summary>Settles a delivery whose webhook is gone or disabled.</summary>
    public Task<bool> Disable(Delivery delivery, CancellationToken ct)
    {
        delivery.Disable();
        return Save(delivery, ct);
    }

    /// <summary>
    /// Records the outcome: 2xx delivered; 410 disables the webhook and settles its other pending deliveries; anything
    /// else is retried on <see cref="RetrySchedule"/> until the retry window has passed, then failed.
    /// </summary>
    public async Task<bool> Record(Delivery delivery, SendOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        delivery.LastResponseCode = outcome.Status;
        delivery.LastError = outcome.Error;
        await using var session = store.LightweightSession();
        if (outcome.Delivered)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
        }
        else if (outcome.Gone)
        {
            delivery.Disable();
            await DisableWebhook(session, delivery, now, ct);
        }
        else if (RetrySchedule.Next(delivery.Attempts, delivery.FirstAttemptAt ?? now, now, Options, Random.Shared.NextDouble()) is { } next)
        {
            delivery.NextAttemptAt = next;
        }
        else
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
        }
        session.UpdateRevision(delivery, delivery.Version + 1);
        var outcomeTag = outcome.Delivered ? "delivered" : outcome.Gone ? "gone" : delivery.Status == DeliveryStatus.Failed ? "failed" : "retry";
        Observability.DomainMeters.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcomeTag));
        return await Commit(session, ct);
    }

    private static async Task DisableWebhook(IDocumentSession session, Delivery gone, DateTimeOffset now, CancellationToken ct)
    {
        var webhook = await session.LoadAsync<WebhookDocument>(gone.WebhookId, ct);
        if (webhook is not { Active: true }) return;
        webhook.DisabledAt = now;
        webhook.DisabledReason = GoneReason;
        session.UpdateRevision(webhook, webhook.Version + 1);
        var others = await session.Query<Delivery>()
            .Where(d => d.WebhookId == gone.WebhookId && d.Status == DeliveryStatus.Pending && d.Id != gone.Id).ToListAsync(ct);
        foreach (var other in others)
        {
            other.Disable();
            session.UpdateRevision(other, other.Version + 1);
        }
    }

    private async Task<bool> Save(Delivery delivery, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.UpdateRevision(delivery, delivery.Version + 1);
        return await Commit(session, ct);
    }

    private static async Task<bool> Commit(IDocumentSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            return false;
        }
    }

    // Marten reports one refused revision as ConcurrencyException, several in one batch as an AggregateException of them.
    private static bool IsConflict(Exception ex) =>
        ex is ConcurrencyException || ex is AggregateException { InnerExceptions.Count: > 0 } all && all.InnerExceptions.All(IsConflict);
}
