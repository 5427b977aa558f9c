using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Dashboard.Services;

/// <summary>The experiments list's filters: status, team, namespace and type, and a search over key and name.</summary>
public sealed record ExperimentFilter(ExperimentStatus? Status, string? Team, string? Namespace, ExperimentType? Type, string? Search)
{
    /// <summary>The namespace filter's value for experiments that are their own layer.</summary>
    public const string OwnLayer = "(own layer)";

    public bool Matches(ExperimentView e) =>
        (Status is null || e.Status == Status)
        && (string.IsNullOrEmpty(Team) || e.Definition.OwnerTeam == Team)
        && (string.IsNullOrEmpty(Namespace) || (e.Definition.Namespace?.Key ?? OwnLayer) == Namespace)
        && (Type is null || e.Definition.Type == Type)
        && (string.IsNullOrWhiteSpace(Search)
            || e.Key.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || e.Definition.Name.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whole days since the start, until it concluded; null before it started.</summary>
    public static int? DaysRunning(ExperimentView e, DateTimeOffset now) =>
        e.StartedAt is { } started ? (int)Math.Floor(((e.ConcludedAt ?? now) - started).TotalDays) : null;
}
