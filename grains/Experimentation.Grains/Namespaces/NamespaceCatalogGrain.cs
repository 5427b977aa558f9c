using Experimentation.GrainInterfaces.Namespaces;
using Marten;
using Orleans.Concurrency;

namespace Experimentation.Grains.Namespaces;

/// <summary>Lists namespace documents in key order; any silo answers.</summary>
[StatelessWorker]
public sealed class NamespaceCatalogGrain(IDocumentStore store) : Grain, INamespaceCatalogGrain
{
    public async Task<NamespaceView[]> List()
    {
        await using var session = store.QuerySession();
        var docs = await session.Query<NamespaceDocument>().OrderBy(d => d.Id).ToListAsync();
        return docs.Select(d => d.ToView()).ToArray();
    }
}
