using Orleans.Concurrency;

namespace Experimentation.GrainInterfaces.Analysis;

/// <summary>
/// One experiment's live analysis (keyed by experiment key): takes looks on a schedule and at every results query,
/// persists each look with its sequential state, and owns the report. Readers only read what it reports.
/// </summary>
/// <remarks>
/// Reports cross the grain boundary as the JSON the API returns, because their model belongs to the statistics engine,
/// which grain contracts must not reference; the gateway passes the JSON through untouched.
/// </remarks>
public interface IExperimentAnalysisGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes a look at all data as it stands now and returns its report; when nothing changed since the last look,
    /// returns that look (an identical look would add nothing). Null when the experiment does not exist.
    /// </summary>
    Task<ReportDocument?> Look();

    /// <summary>The report exactly as it stood at the latest look at or before <paramref name="asOf"/>; null when none was taken by then.</summary>
    [AlwaysInterleave]
    Task<ReportDocument?> ReportAsOf(DateTimeOffset asOf);

    /// <summary>The persisted looks in time order as a JSON array, thinned to at most <paramref name="maxPoints"/>.</summary>
    [AlwaysInterleave]
    Task<string> Looks(int maxPoints);

    /// <summary>The boundary chart from the persisted looks as a JSON array of series, thinned to at most <paramref name="maxPoints"/> looks.</summary>
    [AlwaysInterleave]
    Task<string> Sequential(int maxPoints);

    /// <summary>Starts or stops the look schedule to match the experiment's status (the experiment grain calls it on changes).</summary>
    [OneWay]
    Task Wake();
}
