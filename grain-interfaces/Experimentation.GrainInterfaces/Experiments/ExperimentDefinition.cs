namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>Everything a team specifies about an experiment while it is a draft.</summary>
/// <param name="Namespace">Null when the experiment is its own layer.</param>
/// <param name="TrafficPercent">Share of eligible users who enter the experiment, 0–100.</param>
/// <param name="Mde">Minimum detectable effect (relative, e.g. 0.02 = 2%) used for the underpowered verdict.</param>
/// <param name="DecisionMode">Which p-value decides the badges; null is sequential.</param>
/// <param name="LookIntervalSeconds">How often the analysis takes a look while the experiment runs; null is every 60 s.</param>
/// <param name="Power">Planning inputs for the pre-launch checks' sample size and duration; null when none are given.</param>
/// <param name="CupedPreDays">
/// CUPED's pre-period: the covariate is each user's value of the same metric over this many days before their first
/// exposure; null is 14, 0 turns CUPED off.
/// </param>
[GenerateSerializer, Immutable]
public sealed record ExperimentDefinition(
    string Name,
    string Hypothesis,
    ExperimentType Type,
    string OwnerTeam,
    NamespaceClaim? Namespace,
    VariantDefinition[] Variants,
    double TrafficPercent,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    MetricBinding[] Metrics,
    double? Mde,
    DecisionMode? DecisionMode = null,
    int? LookIntervalSeconds = null,
    PowerInputs? Power = null,
    int? CupedPreDays = null)
{
    /// <summary>CUPED's default pre-period in days (GrowthBook's default lookback is 14 days too).</summary>
    public const int DefaultCupedPreDays = 14;

    /// <summary>
    /// The longest pre-period: the raw log keeps 90 days by default and refuses events older than 89, so a longer
    /// pre-period could not be rebuilt from the log.
    /// </summary>
    public const int MaxCupedPreDays = 60;

    /// <summary>The default look schedule: one look a minute.</summary>
    public const int DefaultLookIntervalSeconds = 60;

    /// <summary>The longest look interval (a day); a look is also taken at every results query.</summary>
    public const int MaxLookIntervalSeconds = 86_400;
}
