using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Webhooks;
using Experimentation.Grains.Alerts;
using Experimentation.Grains.Webhooks;
using Experimentation.Tests.Infrastructure;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Experimentation.Tests.Webhooks.WebhookSteps;

namespace Experimentation.Tests.Webhooks;

/// <summary>
/// Alerts reach a real receiver: signed, retried with the same delivery id until a 2xx, given up on a 410, never
/// duplicated by a repeated fan-out, and never in the way of a command.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookFixture fixture)
{
    private HttpClient Http => fixture.Platform.Http;
    private WebhookReceiver Receiver => fixture.Receiver;
    private IDocumentStore Store => fixture.Platform.Cluster.Silos[0].ServiceProvider.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task StartingAnExperimentDeliversASignedExperimentStartedToTheReceiver()
    {
        var secret = NewSecret();
        var webhook = await Subscribe(Http, Receiver.Url("started"), secret, AlertEvents.ExperimentStarted);
        var key = Samples.Key("wh-started");

        await StartExperiment(fixture.Platform.Grains, key);

        var request = await Eventually.Until("the receiver to get the experiment's start", () => Receiver.Received("started").FirstOrDefault(r => r.Text.Contains(key)),
            r => r is not null);
        var delivery = (await WaitForDeliveries(Http, webhook, "the delivery to be recorded as delivered",
            list => list.Of(key).Any(d => d.Status() == "delivered"))).Of(key).Single();
        var body = JsonDocument.Parse(request!.Body).RootElement;
        Assert.Equal(AlertEvents.ExperimentStarted, request.Event);
        Assert.True(SignatureIsValid(secret, request.Body, request.Signature), $"signature {request.Signature} does not verify");
        Assert.False(SignatureIsValid(NewSecret(), request.Body, request.Signature));
        Assert.Equal("application/json", request.ContentType?.Split(';')[0]);
        Assert.Equal(AlertEvents.ExperimentStarted, body.GetProperty("event").GetString());
        Assert.Equal(key, body.GetProperty("experiment").GetString());
        Assert.Equal(delivery.GetProperty("id").GetGuid(), Guid.Parse(request.Delivery));
        Assert.Equal(delivery.GetProperty("alertId").GetGuid(), body.GetProperty("id").GetGuid());
        Assert.Equal(DeliveryIds.For(body.GetProperty("id").GetGuid(), webhook), Guid.Parse(request.Delivery));
        Assert.Equal(1, delivery.Attempts());
        Assert.Equal(200, delivery.GetProperty("lastResponseCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);
    }

    [Fact]
    public async Task AReceiverThatAnswers500ThreeTimesThen200ShowsFourAttemptsOfOneDeliveryId()
    {
        var secret = NewSecret();
        Receiver.RespondWith("flaky", 500, 500, 500, 200);
        var webhook = await Subscribe(Http, Receiver.Url("flaky"), secret, AlertEvents.ExperimentStarted);
        var key = Samples.Key("wh-flaky");

        await StartExperiment(fixture.Platform.Grains, key);

        var delivery = (await WaitForDeliveries(Http, webhook, "the delivery to get through on its fourth attempt",
            list => list.Of(key).Any(d => d.Status() is "delivered" or "failed"))).Of(key).Single();
        var requests = Receiver.Received("flaky").Where(r => r.Text.Contains(key)).ToArray();
        Assert.Equal("delivered", delivery.Status());
        Assert.Equal(4, delivery.Attempts());
        Assert.Equal(200, delivery.GetProperty("lastResponseCode").GetInt32());
        Assert.Equal(4, requests.Length);
        // The retries re-send the same delivery: one id, one body, one signature, which verifies.
        Assert.Single(requests.Select(r => r.Delivery).Distinct());
        Assert.Single(requests.Select(r => r.Text).Distinct());
        Assert.Single(requests.Select(r => r.Signature).Distinct());
        Assert.Equal(delivery.GetProperty("id").GetString(), requests[0].Delivery);
        Assert.True(SignatureIsValid(secret, requests[3].Body, requests[3].Signature));
    }

    [Fact]
    public async Task A410DisablesTheWebhookAndItGetsNoMoreDeliveries()
    {
        Receiver.RespondWith("gone", 410);
        var gone = await Subscribe(Http, Receiver.Url("gone"), NewSecret(), AlertEvents.ExperimentStarted, AlertEvents.ExperimentPaused);
        var witness = await Subscribe(Http, Receiver.Url("gone-witness"), NewSecret(), AlertEvents.ExperimentPaused);
        var key = Samples.Key("wh-gone");

        await StartExperiment(fixture.Platform.Grains, key);
        var first = (await WaitForDeliveries(Http, gone, "the 410 to settle the delivery", list => list.Of(key).Any(d => d.Status() != "pending"))).Of(key).Single();
        var hook = await (await Http.GetAsync($"/api/webhooks/{gone}")).Json();
        Assert.True((await fixture.Platform.Grains.GetGrain<IExperimentGrain>(key).Pause("checking the 410")).Accepted);
        // The witness's delivery of the pause is made in the same fan-out as any for the disabled webhook would be.
        await WaitForDeliveries(Http, witness, "the witness to get the pause", list => list.Of(key).Any(d => d.Status() == "delivered"));

        Assert.Equal("disabled", first.Status());
        Assert.Equal(1, first.Attempts());
        Assert.Equal(410, first.GetProperty("lastResponseCode").GetInt32());
        Assert.Equal("disabled", hook.GetProperty("status").GetString());
        Assert.Contains("410", hook.GetProperty("disabledReason").GetString());
        Assert.Single((await Deliveries(Http, gone)).Of(key));
        Assert.Single(Receiver.Received("gone"), r => r.Text.Contains(key));
    }

    [Fact]
    public async Task FanningAnAlertOutAgainMakesNoSecondDelivery()
    {
        var webhook = await Subscribe(Http, Receiver.Url("again"), NewSecret(), AlertEvents.ExperimentStarted);
        var key = Samples.Key("wh-again");
        await StartExperiment(fixture.Platform.Grains, key);
        var delivered = (await WaitForDeliveries(Http, webhook, "the first delivery", list => list.Of(key).Any(d => d.Status() == "delivered"))).Of(key).Single();
        var alertId = delivered.GetProperty("alertId").GetGuid();

        // As if a sender had crashed after sending but the outbox still showed the alert undispatched.
        await using (var session = Store.LightweightSession())
        {
            var alert = await session.LoadAsync<PendingAlert>(alertId);
            alert!.Dispatched = false;
            session.Store(alert);
            await session.SaveChangesAsync();
        }
        await Eventually.Until("the alert to be dispatched again", async () =>
        {
            await using var session = Store.QuerySession();
            return (await session.LoadAsync<PendingAlert>(alertId))!.Dispatched;
        }, dispatched => dispatched);

        var after = (await Deliveries(Http, webhook)).Of(key);
        Assert.Single(after);
        Assert.Equal("delivered", after[0].Status());
        Assert.Equal(1, after[0].Attempts());
        Assert.Single(Receiver.Received("again"), r => r.Text.Contains(key));
    }

    [Fact]
    public async Task ASlowReceiverHoldsUpNoCommandAndItsTimedOutAttemptIsRetried()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Receiver.Respond("slow", async (_, _, aborted) =>
        {
            await release.Task.WaitAsync(aborted);
            return 200;
        });
        var webhook = await Subscribe(Http, Receiver.Url("slow"), NewSecret(), AlertEvents.ExperimentStarted, AlertEvents.ExperimentPaused, AlertEvents.ExperimentResumed);
        var key = Samples.Key("wh-slow");
        var grain = fixture.Platform.Grains.GetGrain<IExperimentGrain>(key);

        await StartExperiment(fixture.Platform.Grains, key);
        await Eventually.Until("the receiver to hold the start's delivery", () => Receiver.Open("slow"), open => open >= 1);
        var clock = Stopwatch.StartNew();
        var paused = await grain.Pause("slow receiver");
        var resumed = await grain.Resume();
        var commands = clock.Elapsed;
        var heldDuringCommands = Receiver.Open("slow");
        var timedOut = await WaitForDeliveries(Http, webhook, "an attempt to time out", list => list.Of(key).Any(d => d.GetProperty("lastError").GetString()?.Contains("no answer") == true));
        release.SetResult();
        var settled = await WaitForDeliveries(Http, webhook, "all three to be delivered once the receiver answers",
            list => list.Of(key).Length == 3 && list.Of(key).All(d => d.Status() == "delivered"), TimeSpan.FromSeconds(30));

        Assert.True(paused.Accepted && resumed.Accepted);
        Assert.True(heldDuringCommands >= 1, "the receiver had answered before the commands ran, so they proved nothing");
        // The attempt in flight waits up to the 2 s timeout; the commands did not wait for it.
        Assert.True(commands < TimeSpan.FromSeconds(1.5), $"pause and resume took {commands.TotalMilliseconds:0} ms behind a held delivery");
        Assert.Contains(timedOut.Of(key), d => d.Status() == "pending" && d.GetProperty("lastResponseCode").ValueKind == JsonValueKind.Null);
        Assert.Contains(settled.Of(key), d => d.Attempts() >= 2);
    }

    [Fact]
    public async Task ADeliveryStillFailingAfterTheRetryWindowIsFailed()
    {
        Receiver.RespondWith("down", 503);
        var webhook = await Subscribe(Http, Receiver.Url("down"), NewSecret(), AlertEvents.ExperimentStarted);
        var key = Samples.Key("wh-down");
        await StartExperiment(fixture.Platform.Grains, key);
        var first = (await WaitForDeliveries(Http, webhook, "a first failed attempt", list => list.Of(key).Any(d => d.Attempts() >= 1 && d.Status() == "pending"))).Of(key).Single();
        var id = first.GetProperty("id").GetGuid();

        // The window is 24 h; move the first attempt back 25 h, as if the receiver had been down since yesterday.
        await Eventually.Until("the first attempt to be moved back a day", async () =>
        {
            await using var session = Store.LightweightSession();
            var delivery = (await session.LoadAsync<Delivery>(id))!;
            delivery.FirstAttemptAt = delivery.FirstAttemptAt!.Value.AddHours(-25);
            session.UpdateRevision(delivery, delivery.Version + 1);
            try
            {
                await session.SaveChangesAsync();
                return true;
            }
            catch (ConcurrencyException)
            {
                return false; // a sender wrote it between our read and our write
            }
        }, moved => moved);
        var failed = (await WaitForDeliveries(Http, webhook, "the delivery to fail", list => list.Of(key).Any(d => d.Status() != "pending"))).Of(key).Single();

        Assert.Equal("failed", failed.Status());
        Assert.True(failed.Attempts() >= 2);
        Assert.Equal(503, failed.GetProperty("lastResponseCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
    }

    [Fact]
    public async Task AHostThatResolvesToAMetadataAddressAfterItWasAcceptedIsNotConnectedTo()
    {
        fixture.Resolver.Map("rebind.test", IPAddress.Loopback);
        var url = $"http://rebind.test:{Receiver.BaseAddress.Port}/hooks/rebind";
        var webhook = await Subscribe(Http, url, NewSecret(), AlertEvents.ExperimentStarted);
        fixture.Resolver.Map("rebind.test", IPAddress.Parse("169.254.169.254"));
        var key = Samples.Key("wh-rebind");

        await StartExperiment(fixture.Platform.Grains, key);

        var refused = (await WaitForDeliveries(Http, webhook, "an attempt to be refused", list => list.Of(key).Any(d => d.Attempts() >= 1 && d.GetProperty("lastError").ValueKind == JsonValueKind.String))).Of(key).Single();
        Assert.Contains("metadata", refused.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("lastResponseCode").ValueKind);
        Assert.Empty(Receiver.Received("rebind"));
        await Http.DeleteAsync($"/api/webhooks/{webhook}");
    }

    [Fact]
    public async Task DeletingAWebhookSettlesItsPendingDeliveries()
    {
        Receiver.RespondWith("deleted", 500);
        var webhook = await Subscribe(Http, Receiver.Url("deleted"), NewSecret(), AlertEvents.ExperimentStarted);
        var key = Samples.Key("wh-deleted");
        await StartExperiment(fixture.Platform.Grains, key);
        var pending = (await WaitForDeliveries(Http, webhook, "a failed attempt", list => list.Of(key).Any(d => d.Attempts() >= 1))).Of(key).Single();

        await (await Http.DeleteAsync($"/api/webhooks/{webhook}")).AssertStatus(HttpStatusCode.NoContent);

        var settled = await Eventually.Until("the delivery to be disabled", async () =>
        {
            await using var session = Store.QuerySession();
            return (await session.LoadAsync<Delivery>(pending.GetProperty("id").GetGuid()))!;
        }, d => d.Status != DeliveryStatus.Pending);
        Assert.Equal(DeliveryStatus.Disabled, settled.Status);
        Assert.Null(settled.NextAttemptAt);
    }
}
