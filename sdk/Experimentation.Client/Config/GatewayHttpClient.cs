namespace Experimentation.Client.Config;

/// <summary>How every HttpClient of the client reaches the gateway, whether it is built here or by IHttpClientFactory.</summary>
internal static class GatewayHttpClient
{
    /// <summary>A client for callers without dependency injection (<see cref="ExperimentationClient.ForServer(ExperimentationClientOptions, Exposures.IExposureSink?, Microsoft.Extensions.Logging.ILoggerFactory?)"/>).</summary>
    public static HttpClient Create(Uri serverUrl, string? apiKey)
    {
        var http = new HttpClient(CreateHandler());
        Configure(http, serverUrl, apiKey);
        return http;
    }

    // The clients live as long as the process (the SSE stream is one response for hours), so the factory's handler
    // rotation never reaches them; recycling pooled connections is what picks up DNS changes of the gateway (a rolling
    // deploy behind a service name).
    public static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public static void Configure(HttpClient http, Uri serverUrl, string? apiKey)
    {
        http.BaseAddress = WithTrailingSlash(serverUrl);
        // A header, never the URL: URLs end up in access logs and traces.
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        // The SSE stream is one response that lasts for hours; every request sets its own timeout instead.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    // Relative paths such as "api/config" resolve under the base only when it ends with a slash.
    public static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
