using System.Collections.Concurrent;
using System.Net;
using Experimentation.Grains.Webhooks;

namespace Experimentation.Tests.Webhooks;

/// <summary>
/// Names under <c>.test</c> (reserved by RFC 6761, so never real) resolve to what a test maps them to; every other name
/// goes to the system resolver. This is how a test gets a host that resolves to a metadata address, or whose address
/// changes after the webhook was accepted.
/// </summary>
public sealed class TestHostResolver : IWebhookHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Map(string host, params IPAddress[] addresses)
    {
        if (!host.EndsWith(".test", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException("Map only .test names.", nameof(host));
        _names[host] = addresses;
    }

    public Task<IPAddress[]> Resolve(string host, CancellationToken ct) =>
        _names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : Dns.GetHostAddressesAsync(host, ct);
}
