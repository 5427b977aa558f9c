using Experimentation.Statistics.Reports;
using Marten;

namespace Experimentation.Grains.Analysis;

/// <summary>The persisted looks of every experiment, as Marten documents.</summary>
public sealed class LookStore(IDocumentStore store)
{
    /// <summary>
    /// Inserts a look, with whatever <paramref name="alongside"/> adds (its alerts) in the same transaction; throws when
    /// that look number already exists (another activation took it first).
    /// </summary>
    public async Task InsertAsync(AnalysisLook look, Action<IDocumentSession>? alongside = null, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        session.Insert(look);
        alongside?.Invoke(session);
        await session.SaveChangesAsync(ct);
    }

    public async Task<AnalysisLook?> LatestAsync(string experiment, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return await session.Query<AnalysisLook>().Where(x => x.Experiment == experiment)
            .OrderByDescending(x => x.Look).FirstOrDefaultAsync(ct);
    }

    public async Task<AnalysisLook?> AsOfAsync(string experiment, DateTimeOffset asOf, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return await session.Query<AnalysisLook>().Where(x => x.Experiment == experiment && x.TakenAt <= asOf)
            .OrderByDescending(x => x.Look).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<LookPoint>> PointsAsync(string experiment, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return await session.Query<AnalysisLook>().Where(x => x.Experiment == experiment)
            .OrderBy(x => x.Look).Select(x => x.Point).ToListAsync(ct);
    }
}
