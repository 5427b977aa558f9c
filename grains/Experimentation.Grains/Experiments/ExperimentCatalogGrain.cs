using Experimentation.GrainInterfaces.Experiments;
using Marten;
using Orleans.Concurrency;

namespace Experimentation.Grains.Experiments;

/// <summary>Answers list queries from the inline snapshot documents Marten keeps beside each stream.</summary>
[StatelessWorker]
public sealed class ExperimentCatalogGrain(IDocumentStore store) : Grain, IExperimentCatalogGrain
{
    public async Task<ExperimentView[]> List(ExperimentStatus? status)
    {
        await using var session = store.QuerySession();
        var query = session.Query<Experiment>().AsQueryable();
        if (status is { } s) query = query.Where(x => x.Status == s);
        var experiments = await query.OrderBy(x => x.Id).ToListAsync();
        return experiments.Select(x => x.ToView()).ToArray();
    }
}
