using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Security;
using Experimentation.GrainInterfaces.Webhooks;
using Experimentation.Grains.Audit;
using Experimentation.Grains.Security;
using JasperFx;
using Marten;
using Orleans.Concurrency;

namespace Experimentation.Grains.Webhooks;

/// <summary>Reads and writes webhook documents in Marten; any silo can answer, revisions order concurrent writers.</summary>
[StatelessWorker]
public sealed class WebhookRegistryGrain(IDocumentStore store, TimeProvider clock, WebhookSubscriptionValidator validator, SecretProtector secrets)
    : Grain, IWebhookRegistryGrain
{
    public async Task<CommandResult<WebhookView>> Create(WebhookSubscription subscription)
    {
        // Webhooks receive every team's alerts, so they belong to the installation admin.
        if (Permissions.InstallationAdmin(CallerContext.Current, "Creating a webhook") is { } forbidden)
            return CommandResult<WebhookView>.Refused(forbidden);
        if (await validator.Validate(subscription, CancellationToken.None) is { } invalid) return CommandResult<WebhookView>.Refused(invalid);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var webhook = new WebhookDocument
        {
            Id = id,
            Url = subscription.Url!,
            ProtectedSecret = secrets.Protect(subscription.Secret!, id),
            Events = subscription.Events!.Distinct().ToArray(),
            CreatedAt = now,
        };
        await using var session = store.LightweightSession();
        session.Insert(webhook);
        session.Events.Append(AuditStreams.Webhook(id), new WebhookCreated(id, webhook.Url, webhook.Events, now));
        Actors.Stamp(session);
        await session.SaveChangesAsync();
        return CommandResult<WebhookView>.Ok(webhook.ToView());
    }

    public async Task<WebhookView[]> List()
    {
        await using var session = store.QuerySession();
        var all = await session.Query<WebhookDocument>().Where(w => w.DeletedAt == null).OrderBy(w => w.CreatedAt).ToListAsync();
        return all.Select(w => w.ToView()).ToArray();
    }

    public async Task<WebhookView?> Get(Guid id) => (await Find(id))?.ToView();

    public async Task<bool> Delete(Guid id)
    {
        // A sender may disable the webhook between our read and our write; its revision refuses us, and we read again.
        for (var attempt = 0; ; attempt++)
        {
            if (await Find(id) is not { } webhook) return false;
            webhook.DeletedAt = clock.GetUtcNow();
            webhook.ProtectedSecret = "";
            await using var session = store.LightweightSession();
            session.UpdateRevision(webhook, webhook.Version + 1);
            session.Events.Append(AuditStreams.Webhook(id), new WebhookDeleted(id, webhook.DeletedAt.Value));
            Actors.Stamp(session);
            try
            {
                await session.SaveChangesAsync();
                return true;
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    public async Task<DeliveryView[]?> Deliveries(Guid id, int limit)
    {
        if (await Find(id) is null) return null;
        await using var session = store.QuerySession();
        var deliveries = await session.Query<Delivery>().Where(d => d.WebhookId == id)
            .OrderByDescending(d => d.CreatedAt).Take(Math.Clamp(limit, 1, 1000)).ToListAsync();
        return deliveries.Select(d => d.ToView()).ToArray();
    }

    private async Task<WebhookDocument?> Find(Guid id)
    {
        await using var session = store.QuerySession();
        var webhook = await session.LoadAsync<WebhookDocument>(id);
        return webhook is { Deleted: false } ? webhook : null;
    }
}
