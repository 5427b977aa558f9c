using System.Net;
using System.Text;
using Experimentation.GrainInterfaces.Webhooks;
using Experimentation.Grains.Webhooks;

namespace Experimentation.Tests.Webhooks;

/// <summary>The pure rules of delivery: ids, signatures, the retry schedule and the blocked addresses.</summary>
public sealed class DeliveryRulesTests
{
    [Fact]
    public void ADeliveryIdIsTheUuid5OfTheAlertAndTheWebhook()
    {
        var alert = new Guid("0192d3a4-7b1c-7e5f-8a90-1234567890ab");
        var webhook = new Guid("0192d3a5-0000-7000-8000-00000000beef");

        // Python 3.11: uuid.UUID(bytes=hashlib.sha1(ns.bytes + alert.bytes + webhook.bytes).digest()[:16], version=5)
        // with ns = UUID('5b0e1a52-6f4c-4d8e-9a3b-2c7d1e0f4a66').
        Assert.Equal(new Guid("c04c6b48-5b26-5523-925e-cb523444e841"), DeliveryIds.For(alert, webhook));
        Assert.NotEqual(DeliveryIds.For(alert, webhook), DeliveryIds.For(webhook, alert));
    }

    [Fact]
    public void TheSignatureMatchesGitHubsPublishedExample()
    {
        // docs.github.com, "Validating webhook deliveries": this secret and payload give this X-Hub-Signature-256.
        var signature = WebhookSignature.Sign("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World!"));

        Assert.Equal("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", signature);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(12, 2048.0)]
    [InlineData(13, 3600.0)]
    [InlineData(60, 3600.0)]
    [InlineData(int.MaxValue, 3600.0)]
    public void TheLongestWaitDoublesFromOneSecondUpToOneHour(int attempts, double seconds)
    {
        var ceiling = RetrySchedule.Ceiling(attempts, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(seconds), ceiling);
    }

    [Fact]
    public void TheWaitIsAFullJitterDrawBelowTheCeiling()
    {
        var options = new WebhookOptions();
        var first = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var now = first.AddMinutes(30);

        Assert.Equal(now, RetrySchedule.Next(4, first, now, options, 0.0));
        Assert.Equal(now.AddSeconds(2), RetrySchedule.Next(4, first, now, options, 0.25));
        Assert.Equal(now.AddSeconds(1800), RetrySchedule.Next(20, first, now, options, 0.5));
    }

    [Fact]
    public void RetriesGoOnUntilAnAttemptFails24HoursAfterTheFirst()
    {
        var options = new WebhookOptions();
        var first = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.NotNull(RetrySchedule.Next(70, first, first.AddHours(24).AddTicks(-1), options, 0.9));
        Assert.Null(RetrySchedule.Next(70, first, first.AddHours(24), options, 0.9));
    }

    [Theory]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("169.254.255.255", "link-local")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf:ffff::1", "link-local")]
    [InlineData("fd00:ec2::254", "metadata")]
    [InlineData("100.100.100.200", "metadata")]
    [InlineData("::ffff:169.254.1.1", "link-local")]
    [InlineData("64:ff9b::a9fe:a9fe", "metadata")]
    [InlineData("169.253.255.255", null)]
    [InlineData("169.255.0.0", null)]
    [InlineData("fec0::1", null)]
    [InlineData("fd00:ec2::253", null)]
    [InlineData("100.100.100.201", null)]
    [InlineData("127.0.0.1", null)]
    [InlineData("::1", null)]
    [InlineData("10.0.0.1", null)]
    [InlineData("192.168.1.1", null)]
    [InlineData("::ffff:10.0.0.1", null)]
    public void LinkLocalAndMetadataAddressesAreBlockedAndNothingElse(string address, string? kind)
    {
        var why = BlockedAddresses.Why(IPAddress.Parse(address));

        if (kind is null) Assert.Null(why);
        else Assert.Contains(kind, why);
    }

    [Fact]
    public void ASubscriptionNeverPrintsItsSecret()
    {
        var subscription = new WebhookSubscription("https://example.org/hook", "do-not-print-this-secret", ["srm.detected"]);

        Assert.DoesNotContain("do-not-print-this-secret", subscription.ToString());
        Assert.Contains("https://example.org/hook", subscription.ToString());
    }
}
