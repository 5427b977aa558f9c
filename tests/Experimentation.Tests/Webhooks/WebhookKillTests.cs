using System.Net;
using System.Net.Http.Headers;
using Experimentation.Grains.Alerts;
using Experimentation.Grains.Webhooks;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Webhooks.WebhookSteps;

namespace Experimentation.Tests.Webhooks;

/// <summary>
/// Never lost, at least once: the real silo process is killed (SIGKILL) while it is sending an alert, and after a
/// restart on the same database the receiver gets that delivery again under the same delivery id, and only it.
/// </summary>
public sealed class WebhookKillTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Experimentation__Webhooks__PollInterval"] = "00:00:00.100",
        ["Experimentation__Webhooks__Timeout"] = "00:00:03",
        ["Experimentation__Webhooks__BackoffBase"] = "00:00:00.050",
        ["Experimentation__Webhooks__BackoffCap"] = "00:00:00.500",
    };

    [Fact]
    public async Task KillingTheSiloMidSendDeliversTheAlertAfterTheRestartUnderTheSameDeliveryId()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        // The first attempt is held open until its sender goes away; any later one is answered at once.
        receiver.Respond("kill", async (_, index, aborted) =>
        {
            if (index == 0) await Task.Delay(Timeout.Infinite, aborted);
            return 200;
        });
        await using var silo = new SiloProcess(database.ConnectionString, Settings);
        await silo.StartAsync();
        var secret = NewSecret();
        var key = Samples.Key("wh-kill");
        Guid webhook;
        using (var http = Client(silo))
        {
            webhook = await Subscribe(http, receiver.Url("kill"), secret, AlertEvents.ExperimentStarted);
            await (await http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
            await (await http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);
        }
        await Eventually.Until("the receiver to hold the first attempt", () => receiver.Open("kill"), open => open == 1, TimeSpan.FromSeconds(30));

        silo.Kill();
        await Eventually.Until("the killed sender's connection to drop", () => receiver.Open("kill"), open => open == 0);
        Assert.Single(receiver.Received("kill"));
        await silo.StartAsync();

        using var after = Client(silo);
        var delivery = (await WaitForDeliveries(after, webhook, "the delivery to arrive after the restart",
            list => list.Any(d => d.Status() == "delivered"), TimeSpan.FromSeconds(60))).Single();
        var requests = receiver.Received("kill");
        Assert.True(requests.Count >= 2, $"the receiver got {requests.Count} request(s)");
        Assert.Single(requests.Select(r => r.Delivery).Distinct());
        Assert.Equal(delivery.GetProperty("id").GetString(), requests[0].Delivery);
        Assert.Equal(DeliveryIds.For(delivery.GetProperty("alertId").GetGuid(), webhook), Guid.Parse(requests[0].Delivery));
        Assert.All(requests, r => Assert.True(SignatureIsValid(secret, r.Body, r.Signature)));
        Assert.Single(requests.Select(r => r.Text).Distinct());
        Assert.Equal(requests.Count, delivery.Attempts());
        Assert.Contains(key, requests[^1].Text);
    }

    // A fresh client per process: connections pooled to the killed one are dead.
    private static HttpClient Client(SiloProcess silo)
    {
        var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.Authorize();
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }
}
