using System.Net;
using System.Net.Sockets;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// Which receiver URLs a webhook may have: absolute http or https, no credentials, and a host that resolves and
/// neither is nor resolves to a blocked address (<see cref="BlockedAddresses"/>). Each attempt checks the addresses
/// again as it connects (<see cref="WebhookSender"/>), so a name that later resolves elsewhere is still refused.
/// </summary>
public sealed class WebhookUrlRule(IWebhookHostResolver resolver)
{
    public const int MaxLength = 2048;

    /// <summary>Why the URL is refused, phrased to follow the field name (<c>url: …</c>), or null.</summary>
    public async Task<string?> Check(string? url, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url)) return "is required";
        if (url.Length > MaxLength) return $"must be at most {MaxLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "must be an absolute http or https URL";
        if (uri.UserInfo.Length > 0) return "must not carry credentials; the signature authenticates deliveries";
        // Uri has already turned hex, octal and decimal IPv4 forms into dotted ones; Host drops an IPv6 scope.
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            return Refusal(BlockedAddresses.Why(IPAddress.Parse(uri.Host.Trim('[', ']'))));
        var host = uri.IdnHost;
        if (BlockedAddresses.WhyHost(host) is { } named) return Refusal(named);
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.Resolve(host, ct);
        }
        catch (SocketException)
        {
            addresses = [];
        }
        if (addresses.Length == 0) return $"has a host, '{host}', that does not resolve";
        return Refusal(BlockedIn(host, addresses));
    }

    /// <summary>Why connecting to <paramref name="host"/> at these addresses is refused, or null.</summary>
    public static string? BlockedIn(string host, IEnumerable<IPAddress> addresses)
    {
        foreach (var address in addresses)
            if (BlockedAddresses.Why(address) is { } why) return $"'{host}' resolves to {why}";
        return null;
    }

    private static string? Refusal(string? why) => why is null ? null : $"must not reach a link-local or cloud metadata address: {why}";
}
