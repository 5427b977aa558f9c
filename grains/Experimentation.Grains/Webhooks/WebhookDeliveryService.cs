using System.Security.Cryptography;
using Experimentation.Grains.Alerts;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// Delivers alerts to webhooks, in every silo: each poll fans new outbox alerts out into deliveries, then claims due
/// deliveries and sends them in the background, within the concurrency limits. It runs beside the grains, never in a
/// grain turn, so a slow or dead receiver can hold up nothing but its own deliveries (docs/automation.md).
/// </summary>
public sealed class WebhookDeliveryService(
    IDocumentStore store,
    AlertFanOut fanOut,
    DeliveryAttempts attempts,
    WebhookSender sender,
    SecretProtector secrets,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _inFlight = [];
    private readonly Dictionary<Guid, int> _perWebhook = [];
    private int _running;

    private WebhookOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Options.PollInterval, clock);
        try
        {
            do
            {
                try
                {
                    await fanOut.Run(Options.FanOutBatch, stoppingToken);
                    await StartDue(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // PostgreSQL may be down or the schema not applied yet; nothing is lost, the next poll tries again.
                    logger.LogWarning(ex, "Webhook delivery poll failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            // Attempts cut short by the stop keep their claim; their lease makes them due again after a restart.
            Task[] running;
            lock (_gate) running = [.. _inFlight];
            await Task.WhenAll(running);
        }
    }

    private async Task StartDue(CancellationToken ct)
    {
        int free;
        lock (_gate) free = Options.MaxConcurrentDeliveries - _running;
        if (free <= 0) return;
        // Read past the free slots: some of the due may belong to webhooks already at their own limit.
        var due = await attempts.Due(free * 4, ct);
        if (due.Count == 0) return;
        await using var session = store.QuerySession();
        var webhooks = (await session.LoadManyAsync<WebhookDocument>(ct, due.Select(d => d.WebhookId).Distinct())).ToDictionary(w => w.Id);
        var alerts = (await session.LoadManyAsync<PendingAlert>(ct, due.Select(d => d.AlertId).Distinct())).ToDictionary(a => a.Id);
        foreach (var delivery in due)
        {
            if (!webhooks.TryGetValue(delivery.WebhookId, out var webhook) || !webhook.Active || !alerts.TryGetValue(delivery.AlertId, out var alert))
            {
                await attempts.Disable(delivery, ct);
                continue;
            }
            if (!TryReserve(webhook.Id)) continue;
            if (!await attempts.Claim(delivery, ct))
            {
                Release(webhook.Id);
                continue;
            }
            Track(Attempt(delivery, webhook, alert, ct));
        }
    }

    private async Task Attempt(Delivery delivery, WebhookDocument webhook, PendingAlert alert, CancellationToken ct)
    {
        // Off the poll loop at once: the loop goes on claiming while this waits on the receiver.
        await Task.Yield();
        try
        {
            var outcome = await Send(delivery, webhook, alert, ct);
            if (!await attempts.Record(delivery, outcome, ct))
                logger.LogInformation("Delivery {Delivery} was taken over by another sender before its outcome was recorded", delivery.Id);
            if (outcome.Gone) logger.LogWarning("Webhook {Webhook} answered 410 Gone and is disabled", webhook.Id);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The claim stands, so the delivery is sent again once its lease ends.
            logger.LogWarning(ex, "Attempt {Attempt} of delivery {Delivery} was not recorded", delivery.Attempts, delivery.Id);
        }
        finally
        {
            Release(webhook.Id);
        }
    }

    private async Task<SendOutcome> Send(Delivery delivery, WebhookDocument webhook, PendingAlert alert, CancellationToken ct)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(webhook.ProtectedSecret, webhook.Id);
        }
        catch (CryptographicException)
        {
            logger.LogError("The secret of webhook {Webhook} does not decrypt with this silo's key ({Section})", webhook.Id, SecretOptions.Section);
            return SendOutcome.NoAnswer($"not sent: the webhook's secret does not decrypt with this silo's key ({SecretOptions.Section})");
        }
        return await sender.Send(new Uri(webhook.Url), delivery.Event, delivery.Id, alert.Payload, secret, ct);
    }

    // A slot is held from before the claim until the attempt has recorded its outcome (or given up).
    private bool TryReserve(Guid webhook)
    {
        lock (_gate)
        {
            var held = _perWebhook.GetValueOrDefault(webhook);
            if (_running >= Options.MaxConcurrentDeliveries || held >= Options.MaxConcurrentPerWebhook) return false;
            _perWebhook[webhook] = held + 1;
            _running++;
            return true;
        }
    }

    private void Release(Guid webhook)
    {
        lock (_gate)
        {
            _running--;
            if (_perWebhook.GetValueOrDefault(webhook) <= 1) _perWebhook.Remove(webhook);
            else _perWebhook[webhook]--;
        }
    }

    // Kept only so a stop can wait for them; removed once done (the continuation is attached after the add).
    private void Track(Task attempt)
    {
        lock (_gate) _inFlight.Add(attempt);
        attempt.ContinueWith(done => { lock (_gate) _inFlight.Remove(done); }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
