using Experimentation.Client.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Experimentation.Client.Orleans;

/// <summary>Registers the embedded-mode <see cref="ExperimentationClient"/>.</summary>
public static class EmbeddedClientServiceCollectionExtensions
{
    /// <summary>
    /// Embedded mode: config from the config grain through the container's <see cref="IClusterClient"/>. Call it after
    /// <c>UseOrleansClient</c>, so the cluster client has connected by the time this client starts.
    /// </summary>
    /// <returns>The builder of the HttpClient that carries exposures to the gateway when <see cref="ExperimentationClientOptions.ServerUrl"/> is set.</returns>
    public static IHttpClientBuilder AddEmbeddedExperimentationClient(this IServiceCollection services, Action<ExperimentationClientOptions>? configure = null) =>
        services.AddExperimentationClient((sp, options) => new ClusterConfigFeed(sp.GetRequiredService<IClusterClient>(), options,
            sp.GetService<ILoggerFactory>()?.CreateLogger<ClusterConfigFeed>()), configure);
}
