using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// The window of an experiment that novelty's early share is taken of: from the definition's start (or the actual
/// start) to its end date when one is set, else from the actual start to now, growing.
/// </summary>
/// <remarks>
/// Both ends are fixed once the experiment runs (the definition is frozen after draft, and StartedAt is set once), so
/// every shard derives the same E from the same clock.
/// </remarks>
public readonly record struct ExperimentWindow(DateTimeOffset? Start, DateTimeOffset? End)
{
    /// <summary>The early share of the window (S1: the first 20%).</summary>
    public const double EarlyShare = 0.2;

    public static ExperimentWindow Of(ExperimentView view) => view.Definition.EndDate is { } end
        ? new(view.Definition.StartDate ?? view.StartedAt, end)
        : new(view.StartedAt, null);

    /// <summary>E = round(0.2 × W) whole days, at least 1, with W the window's length in days at <paramref name="now"/>.</summary>
    public int EarlyDays(DateTimeOffset now)
    {
        if (Start is not { } start) return 1;
        var days = ((End ?? now) - start).TotalDays;
        // Clamped so that an absurd end date cannot overflow the tick arithmetic of the split.
        return (int)Math.Clamp(Math.Round(EarlyShare * days, MidpointRounding.AwayFromZero), 1, 36_500);
    }
}
