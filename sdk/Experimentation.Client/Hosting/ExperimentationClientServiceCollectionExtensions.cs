using Experimentation.Client.Config;
using Experimentation.Client.Exposures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Experimentation.Client.Hosting;

/// <summary>
/// Registers one shared <see cref="ExperimentationClient"/>, its HttpClients with <c>IHttpClientFactory</c> (named in
/// <see cref="ExperimentationHttpClients"/>), and a hosted service that starts the client with the host and flushes its
/// exposures when the host stops. An <see cref="IExposureSink"/> registered in the container replaces the default sink.
/// </summary>
public static class ExperimentationClientServiceCollectionExtensions
{
    /// <summary>HTTP mode: config from the gateway at <see cref="ExperimentationClientOptions.ServerUrl"/> over SSE, polling as fallback.</summary>
    /// <returns>The builder of the <see cref="ExperimentationHttpClients.Requests"/> client, to add handlers to it.</returns>
    public static IHttpClientBuilder AddExperimentationClient(this IServiceCollection services, Action<ExperimentationClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddGatewayClient(services, ExperimentationHttpClients.Stream);
        // After every other configuration of the stream's client, a user's included: an overall timeout would end the
        // one long response, and the feed bounds the stream itself (ExperimentationHttpClients.Stream).
        services.PostConfigure<HttpClientFactoryOptions>(ExperimentationHttpClients.Stream,
            o => o.HttpClientActions.Add(http => http.Timeout = Timeout.InfiniteTimeSpan));
        return services.AddClient(configure, requireServerUrl: true, (sp, options) =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>();
            return new HttpConfigFeed(http.CreateClient(ExperimentationHttpClients.Stream), http.CreateClient(ExperimentationHttpClients.Requests),
                options, sp.GetService<ILogger<HttpConfigFeed>>());
        });
    }

    /// <summary>
    /// A client fed by the feed that <paramref name="createFeed"/> builds (embedded mode uses this with the config
    /// grain's feed). Exposures go to the container's <see cref="IExposureSink"/>, else to the gateway when
    /// <see cref="ExperimentationClientOptions.ServerUrl"/> is set, else nowhere.
    /// </summary>
    /// <returns>The builder of the <see cref="ExperimentationHttpClients.Requests"/> client, which carries exposures to the gateway.</returns>
    public static IHttpClientBuilder AddExperimentationClient(this IServiceCollection services,
        Func<IServiceProvider, ExperimentationClientOptions, IConfigFeed> createFeed, Action<ExperimentationClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(createFeed);
        return services.AddClient(configure ?? (_ => { }), requireServerUrl: false, createFeed);
    }

    private static IHttpClientBuilder AddClient(this IServiceCollection services, Action<ExperimentationClientOptions> configure,
        bool requireServerUrl, Func<IServiceProvider, ExperimentationClientOptions, IConfigFeed> createFeed)
    {
        services.AddOptions<ExperimentationClientOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExperimentationClientOptions>>(new ExperimentationClientOptionsValidator(requireServerUrl));
        var requests = AddGatewayClient(services, ExperimentationHttpClients.Requests);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ExperimentationClientOptions>>().Value;
            var loggers = sp.GetService<ILoggerFactory>();
            var sink = sp.GetService<IExposureSink>();
            if (sink is null && options.ServerUrl is { IsAbsoluteUri: true })
                sink = HttpExposureSink.ForGateway(sp.GetRequiredService<IHttpClientFactory>().CreateClient(ExperimentationHttpClients.Requests), options, loggers);
            return new ExperimentationClient(createFeed(sp, options), sink, options, loggers);
        });
        services.AddHostedService<ExperimentationClientHostedService>();
        return requests;
    }

    private static IHttpClientBuilder AddGatewayClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name)
            .ConfigureHttpClient((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<ExperimentationClientOptions>>().Value;
                if (options.ServerUrl is { IsAbsoluteUri: true } url) GatewayHttpClient.Configure(http, url, options.ApiKey);
            })
            .ConfigurePrimaryHttpMessageHandler(GatewayHttpClient.CreateHandler)
            // The client holds its HttpClients for its lifetime, so a rotated handler would never reach them; pooled
            // connections are recycled by the handler itself instead (GatewayHttpClient.CreateHandler).
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
