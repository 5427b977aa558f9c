using System.Net;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// Turns a receiver's host name into addresses, for the address rule both when a webhook is created and when each
/// attempt connects. A service, so tests can name hosts that resolve to blocked addresses.
/// </summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> Resolve(string host, CancellationToken ct);
}
