using Experimentation.GrainInterfaces.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Experimentation.Silo.Hosting;

/// <summary>Healthy when a grain call round-trips, which needs a started silo and its storage.</summary>
public sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IMetricRegistryGrain>(0).Get("health-probe").WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The silo did not answer a grain call", ex);
        }
    }
}
