using Experimentation.GrainInterfaces.Webhooks;
using Experimentation.Grains.Alerts;
using JasperFx;
using Marten;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// Turns outbox alerts into deliveries: one per webhook that wants the alert, created in the same transaction that
/// marks the alert dispatched. Delivery ids are derived from (alert, webhook), so a repeat finds what is there and a
/// racing second sender fails its insert instead of making a duplicate.
/// </summary>
public sealed class AlertFanOut(IDocumentStore store, TimeProvider clock)
{
    /// <summary>Fans out up to <paramref name="batch"/> undispatched alerts, oldest first; returns how many.</summary>
    public async Task<int> Run(int batch, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var alerts = await query.Query<PendingAlert>().Where(a => !a.Dispatched).OrderBy(a => a.RaisedAt).Take(batch).ToListAsync(ct);
        if (alerts.Count == 0) return 0;
        var webhooks = await query.Query<WebhookDocument>().Where(w => w.DisabledAt == null && w.DeletedAt == null).ToListAsync(ct);
        var done = 0;
        foreach (var alert in alerts)
        {
            if (!await Dispatch(alert, webhooks, ct)) break;
            done++;
        }
        return done;
    }

    // False when another sender fanned the same alert out at the same moment: the next poll sees its deliveries.
    private async Task<bool> Dispatch(PendingAlert alert, IReadOnlyList<WebhookDocument> webhooks, CancellationToken ct)
    {
        var wanted = webhooks.Where(w => w.Wants(alert)).ToDictionary(w => DeliveryIds.For(alert.Id, w.Id));
        await using var session = store.LightweightSession();
        var existing = wanted.Count == 0
            ? []
            : (await session.LoadManyAsync<Delivery>(ct, wanted.Keys)).Select(d => d.Id).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var (id, webhook) in wanted)
        {
            if (existing.Contains(id)) continue;
            session.Insert(new Delivery
            {
                Id = id,
                WebhookId = webhook.Id,
                AlertId = alert.Id,
                Event = alert.Event,
                Experiment = alert.Experiment,
                Status = DeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
        alert.Dispatched = true;
        session.Store(alert);
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (DocumentAlreadyExistsException)
        {
            return false;
        }
    }
}
