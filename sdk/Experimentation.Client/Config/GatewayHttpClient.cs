namespace Experimentation.Client.Config;

/// <summary>The HttpClient a client owns for the gateway.</summary>
internal static class GatewayHttpClient
{
    public static HttpClient Create(Uri serverUrl)
    {
        var handler = new SocketsHttpHandler
        {
            // Recycled connections pick up DNS changes of the gateway (a rolling deploy behind a service name).
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return new HttpClient(handler)
        {
            BaseAddress = WithTrailingSlash(serverUrl),
            // The SSE stream is one response that lasts for hours; every request sets its own timeout instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    // Relative paths such as "api/config" resolve under the base only when it ends with a slash.
    public static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
