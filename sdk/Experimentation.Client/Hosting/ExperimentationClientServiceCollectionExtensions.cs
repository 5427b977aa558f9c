using Experimentation.Client.Config;
using Experimentation.Client.Exposures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Experimentation.Client.Hosting;

/// <summary>
/// Registers one shared <see cref="ExperimentationClient"/> and a hosted service that starts it with the host and
/// flushes its exposures when the host stops. An <see cref="IExposureSink"/> registered in the container replaces
/// the default sink.
/// </summary>
public static class ExperimentationClientServiceCollectionExtensions
{
    /// <summary>HTTP mode: config from the gateway at <see cref="ExperimentationClientOptions.ServerUrl"/> over SSE, polling as fallback.</summary>
    public static IServiceCollection AddExperimentationClient(this IServiceCollection services, Action<ExperimentationClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddClient(configure, requireServerUrl: true, (sp, options) =>
            ExperimentationClient.ForServer(options, sp.GetService<IExposureSink>(), sp.GetService<ILoggerFactory>()));
    }

    /// <summary>
    /// A client fed by the feed that <paramref name="createFeed"/> builds (embedded mode uses this with the config
    /// grain's feed). Exposures go to the container's <see cref="IExposureSink"/>, else to the gateway when
    /// <see cref="ExperimentationClientOptions.ServerUrl"/> is set, else nowhere.
    /// </summary>
    public static IServiceCollection AddExperimentationClient(this IServiceCollection services,
        Func<IServiceProvider, ExperimentationClientOptions, IConfigFeed> createFeed, Action<ExperimentationClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(createFeed);
        return services.AddClient(configure ?? (_ => { }), requireServerUrl: false, (sp, options) =>
            ExperimentationClient.ForFeed(createFeed(sp, options), options, sp.GetService<IExposureSink>(), sp.GetService<ILoggerFactory>()));
    }

    private static IServiceCollection AddClient(this IServiceCollection services, Action<ExperimentationClientOptions> configure,
        bool requireServerUrl, Func<IServiceProvider, ExperimentationClientOptions, ExperimentationClient> create)
    {
        services.AddOptions<ExperimentationClientOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExperimentationClientOptions>>(new ExperimentationClientOptionsValidator(requireServerUrl));
        services.TryAddSingleton(sp => create(sp, sp.GetRequiredService<IOptions<ExperimentationClientOptions>>().Value));
        services.AddHostedService<ExperimentationClientHostedService>();
        return services;
    }
}
