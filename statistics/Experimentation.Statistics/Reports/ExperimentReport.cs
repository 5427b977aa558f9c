namespace Experimentation.Statistics.Reports;

/// <summary>
/// GET /api/experiments/{key}/results: one persisted look of a live experiment. The analysis is the report model that
/// POST /api/analysis also returns; around it, what only the live platform knows.
/// </summary>
/// <param name="Experiment">The experiment's key.</param>
/// <param name="Status">Its lifecycle status at the look (draft, in_review, approved, running, paused, concluded, archived).</param>
/// <param name="Look">The look's number, 1 for the experiment's first; it grows by one per look taken.</param>
/// <param name="TakenAt">When the look analysed the data.</param>
/// <param name="AsOf">Commit time of the newest event in the analysed data; null before any.</param>
/// <param name="Mismatches">Exposures left out of the analysis, by reason.</param>
public sealed record ExperimentReport(
    string Experiment,
    string Status,
    long Look,
    DateTimeOffset TakenAt,
    DateTimeOffset? AsOf,
    ExcludedExposures Mismatches,
    AnalysisReport Analysis);

/// <summary>Exposures that do not enter the analysis, by reason, so a broken integration shows on the results page.</summary>
/// <param name="NotRunning">The experiment did not exist or was not running when the exposure was ingested.</param>
/// <param name="UnknownVariant">The experiment has no variant with the given key.</param>
/// <param name="ConflictingVariant">The user had been exposed earlier (by timestamp) to another variant.</param>
public sealed record ExcludedExposures(long NotRunning, long UnknownVariant, long ConflictingVariant);
