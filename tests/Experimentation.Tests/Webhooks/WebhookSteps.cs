using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Webhooks;

/// <summary>What webhook tests do over and over: subscribe, start an experiment, read and wait for deliveries.</summary>
public static class WebhookSteps
{
    /// <summary>A secret of the allowed length, different for every webhook.</summary>
    public static string NewSecret() => "whsec-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static async Task<Guid> Subscribe(HttpClient http, string url, string secret, params string[] events)
    {
        var body = JsonSerializer.Serialize(new { url, secret, events });
        var response = await (await http.PostJson("/api/webhooks", body)).AssertStatus(HttpStatusCode.Created);
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    public static async Task StartExperiment(IGrainFactory grains, string key)
    {
        var experiment = grains.GetGrain<IExperimentGrain>(key);
        Assert.True((await experiment.Create(Samples.Ab())).Accepted);
        Assert.True((await experiment.Start()).Accepted);
    }

    public static async Task<JsonElement[]> Deliveries(HttpClient http, Guid webhook)
    {
        var response = await (await http.GetAsync($"/api/webhooks/{webhook}/deliveries")).AssertStatus(HttpStatusCode.OK);
        return (await response.Json()).EnumerateArray().ToArray();
    }

    /// <summary>Polls the delivery log until it satisfies <paramref name="done"/>; fails on timeout with the last log.</summary>
    public static Task<JsonElement[]> WaitForDeliveries(HttpClient http, Guid webhook, string awaited, Func<JsonElement[], bool> done,
        TimeSpan? timeout = null) =>
        Eventually.Until(awaited, () => Deliveries(http, webhook), done, timeout, TimeSpan.FromMilliseconds(50),
            list => JsonSerializer.Serialize(list));

    /// <summary>The deliveries of one experiment's alerts, so webhooks that outlive their test do not confuse the next.</summary>
    public static JsonElement[] Of(this JsonElement[] deliveries, string experiment) =>
        deliveries.Where(d => d.GetProperty("experiment").GetString() == experiment).ToArray();

    public static string Status(this JsonElement delivery) => delivery.GetProperty("status").GetString()!;

    public static int Attempts(this JsonElement delivery) => delivery.GetProperty("attempts").GetInt32();

    /// <summary>The receiver's check, as docs/automation.md shows it: HMAC of the raw body, compared in constant time.</summary>
    public static bool SignatureIsValid(string secret, byte[] body, string header)
    {
        const string prefix = "sha256=";
        if (!header.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
