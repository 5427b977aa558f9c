using Experimentation.Client.Exposures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Experimentation.Client.Orleans;

/// <summary>Builds an <see cref="ExperimentationClient"/> for a service that embeds an Orleans client of the cluster.</summary>
public static class EmbeddedExperimentationClient
{
    /// <summary>
    /// A client whose config comes from the config grain through an observer. Exposures go to
    /// <paramref name="exposureSink"/>, else to the gateway when <see cref="ExperimentationClientOptions.ServerUrl"/> is
    /// set, else nowhere (logging is disabled).
    /// </summary>
    public static ExperimentationClient Create(IGrainFactory cluster, ExperimentationClientOptions? options = null,
        IExposureSink? exposureSink = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        options ??= new ExperimentationClientOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        var feed = new ClusterConfigFeed(cluster, options, loggerFactory.CreateLogger<ClusterConfigFeed>());
        return ExperimentationClient.ForFeed(feed, options, exposureSink, loggerFactory);
    }
}
