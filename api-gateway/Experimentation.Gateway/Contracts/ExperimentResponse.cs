using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;

namespace Experimentation.Gateway.Contracts;

/// <summary>An experiment as the API shows it: the folded state, its stream version and its definition.</summary>
/// <param name="Review">Who submitted, approved or asked for changes to the current definition; null before any review.</param>
public sealed record ExperimentResponse(
    string Key,
    ExperimentStatus Status,
    long Version,
    string Name,
    string Hypothesis,
    ExperimentType Type,
    string OwnerTeam,
    NamespaceClaim? Namespace,
    VariantResponse[] Variants,
    double TrafficPercent,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    MetricBinding[] Metrics,
    double? Mde,
    DecisionMode DecisionMode,
    int LookIntervalSeconds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    string? PauseReason,
    PauseCause? PauseCause,
    DateTimeOffset? ConcludedAt,
    ConclusionDecision? Decision,
    string? WinningVariant,
    DateTimeOffset? ArchivedAt,
    SlotRange? Slots,
    PowerInputs? Power,
    ExperimentReview? Review,
    int CupedPreDays = ExperimentDefinition.DefaultCupedPreDays)
{
    public static ExperimentResponse From(ExperimentView v)
    {
        var d = v.Definition;
        var variants = d.Variants
            .Select(x => new VariantResponse(x.Key, x.Weight, JsonDocument.Parse(x.Config).RootElement.Clone(), x.IsControl))
            .ToArray();
        return new ExperimentResponse(v.Key, v.Status, v.Version, d.Name, d.Hypothesis, d.Type, d.OwnerTeam, d.Namespace,
            variants, d.TrafficPercent, d.StartDate, d.EndDate, d.Metrics, d.Mde, d.DecisionMode ?? DecisionMode.Sequential,
            d.LookIntervalSeconds ?? ExperimentDefinition.DefaultLookIntervalSeconds, v.CreatedAt, v.UpdatedAt, v.StartedAt,
            v.PauseReason, v.PauseCause, v.ConcludedAt, v.Decision, v.WinningVariant, v.ArchivedAt, v.Slots, d.Power, v.Review,
            d.CupedPreDays ?? ExperimentDefinition.DefaultCupedPreDays);
    }
}

/// <summary>A variant with its config as a JSON value.</summary>
public sealed record VariantResponse(string Key, int Weight, JsonElement Config, bool Control);
