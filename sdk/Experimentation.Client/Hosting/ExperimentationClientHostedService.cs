using Microsoft.Extensions.Hosting;

namespace Experimentation.Client.Hosting;

/// <summary>Ties the shared <see cref="ExperimentationClient"/> to the host: started with it, stopped (and flushed) with it.</summary>
internal sealed class ExperimentationClientHostedService(ExperimentationClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => client.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => client.StopAsync(cancellationToken);
}
