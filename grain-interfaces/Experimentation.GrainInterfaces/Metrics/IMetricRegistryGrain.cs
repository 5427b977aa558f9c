using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.GrainInterfaces.Metrics;

/// <summary>The metric registry, stored as Marten documents; a stateless worker, so any silo answers.</summary>
public interface IMetricRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a metric; a key already taken is a conflict. CreatedAt in the input is ignored.</summary>
    Task<CommandResult<MetricDefinition>> Create(MetricDefinition metric);

    Task<MetricDefinition?> Get(string key);

    Task<MetricDefinition[]> List();
}
