namespace Experimentation.Client.Hosting;

/// <summary>
/// The names under which <see cref="ExperimentationClientServiceCollectionExtensions.AddExperimentationClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{ExperimentationClientOptions})"/>
/// registers its HttpClients with <c>IHttpClientFactory</c>, for adding handlers with <c>services.AddHttpClient(name)</c>.
/// </summary>
public static class ExperimentationHttpClients
{
    /// <summary>Config polls and exposure batches: short requests, each bounded by <see cref="ExperimentationClientOptions.RequestTimeout"/>.</summary>
    public const string Requests = "Experimentation";

    /// <summary>
    /// The Server-Sent Events stream of config changes: one response for as long as the gateway keeps it. Its client has
    /// no overall timeout; the feed gives up on a connection that opens slower than
    /// <see cref="ExperimentationClientOptions.RequestTimeout"/> or stays silent for
    /// <see cref="ExperimentationClientOptions.StreamIdleTimeout"/>. A handler with its own total timeout (a resilience
    /// pipeline, say) belongs on <see cref="Requests"/> only.
    /// </summary>
    public const string Stream = "Experimentation.Stream";
}
