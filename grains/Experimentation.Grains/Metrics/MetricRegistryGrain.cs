using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.GrainInterfaces.Security;
using Experimentation.Grains.Audit;
using Experimentation.Grains.Security;
using Marten;
using JasperFx;
using Orleans.Concurrency;

namespace Experimentation.Grains.Metrics;

/// <summary>Reads and writes registry documents in Marten; any silo can answer, PostgreSQL keeps keys unique.</summary>
[StatelessWorker]
public sealed class MetricRegistryGrain(IDocumentStore store, TimeProvider clock) : Grain, IMetricRegistryGrain
{
    public async Task<CommandResult<MetricDefinition>> Create(MetricDefinition metric)
    {
        if (MetricDefinitionValidator.Validate(metric) is { } invalid) return CommandResult<MetricDefinition>.Refused(invalid);
        var caller = CallerContext.Current;
        var owner = metric.OwnerTeam ?? caller?.Team;
        if (Permissions.TeamWriter(caller, owner, owner is null ? "Registering a metric without an owner team" : $"Registering a metric owned by '{owner}'") is { } forbidden)
            return CommandResult<MetricDefinition>.Refused(forbidden);
        var stored = metric with { CreatedAt = clock.GetUtcNow(), OwnerTeam = owner };
        await using var session = store.LightweightSession();
        session.Insert(stored);
        session.Events.Append(AuditStreams.Metric(stored.Key), new MetricRegistered(stored, stored.CreatedAt));
        Actors.Stamp(session, ownerTeam: owner);
        try
        {
            await session.SaveChangesAsync();
        }
        catch (DocumentAlreadyExistsException)
        {
            return CommandResult<MetricDefinition>.Refused(CommandError.Conflict($"A metric with key '{metric.Key}' already exists."));
        }
        return CommandResult<MetricDefinition>.Ok(stored);
    }

    public async Task<MetricDefinition?> Get(string key)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<MetricDefinition>(key);
    }

    public async Task<MetricDefinition[]> List()
    {
        await using var session = store.QuerySession();
        var all = await session.Query<MetricDefinition>().OrderBy(m => m.Key).ToListAsync();
        return all.ToArray();
    }
}
