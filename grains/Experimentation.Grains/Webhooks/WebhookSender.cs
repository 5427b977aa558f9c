using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// Sends one attempt: <c>POST</c> of the alert's JSON with the event, delivery id and signature headers. Every
/// connection checks the addresses it is about to use against <see cref="BlockedAddresses"/>, so DNS that changed
/// since the webhook was created cannot steer a delivery to a metadata endpoint. Redirects are not followed (a 3xx
/// could point anywhere) and no proxy is used (it would connect in our place).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string EventHeader = "X-Experimentation-Event";
    public const string DeliveryHeader = "X-Experimentation-Delivery";
    public const string SignatureHeader = "X-Experimentation-Signature";
    public const string UserAgent = "Experimentation-Webhooks/1.0";

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public WebhookSender(IWebhookHostResolver resolver, IOptions<WebhookOptions> options)
    {
        _timeout = options.Value.Timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = _timeout,
            // Connections are re-made now and then, so each host's addresses are looked up (and checked) again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, ct) => Connect(resolver, context.DnsEndPoint, ct),
        };
        _http = new HttpClient(handler) { Timeout = _timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    public async Task<SendOutcome> Send(Uri url, string @event, Guid delivery, string payload, string secret, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(EventHeader, @event);
        request.Headers.Add(DeliveryHeader, delivery.ToString());
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(secret, body));
        try
        {
            // Only the status matters; the body is never read.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return SendOutcome.Answered((int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            return SendOutcome.NoAnswer(ex.InnerException is BlockedAddressException blocked ? blocked.Message : ex.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendOutcome.NoAnswer($"no answer within {_timeout.TotalSeconds:0.###} s");
        }
    }

    public void Dispose() => _http.Dispose();

    private static async ValueTask<Stream> Connect(IWebhookHostResolver resolver, DnsEndPoint endpoint, CancellationToken ct)
    {
        // An IPv6 literal may come bracketed, with its scope percent-encoded (fe80::1%25eth0).
        var host = Uri.UnescapeDataString(endpoint.Host.Trim('[', ']'));
        if (BlockedAddresses.WhyHost(host) is { } named) throw new BlockedAddressException(named);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.Resolve(host, ct);
        if (WebhookUrlRule.BlockedIn(host, addresses) is { } why) throw new BlockedAddressException(why);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class BlockedAddressException(string why)
        : Exception($"refused to connect: {why}; webhooks may not reach link-local or cloud metadata addresses");
}
