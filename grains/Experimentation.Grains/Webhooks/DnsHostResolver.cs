using System.Net;

namespace Experimentation.Grains.Webhooks;

/// <summary>The system resolver (getaddrinfo), as every other connection of the process uses.</summary>
public sealed class DnsHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> Resolve(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}
