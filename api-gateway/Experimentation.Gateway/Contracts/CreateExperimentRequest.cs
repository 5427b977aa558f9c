using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Gateway.Contracts;

/// <summary>The body of POST /api/experiments and PUT /api/experiments/{key}. Nullable so a missing field is named.</summary>
public sealed record CreateExperimentRequest
{
    /// <example>checkout-button-color</example>
    public string? Key { get; init; }
    /// <example>Checkout button colour</example>
    public string? Name { get; init; }
    /// <example>A green button raises checkout conversion by 2%.</example>
    public string? Hypothesis { get; init; }
    public ExperimentType? Type { get; init; }
    /// <example>checkout</example>
    public string? OwnerTeam { get; init; }
    public NamespaceRequest? Namespace { get; init; }
    public VariantRequest[]? Variants { get; init; }
    /// <summary>0–100; defaults to 100.</summary>
    public double? TrafficPercent { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public DateTimeOffset? EndDate { get; init; }
    public MetricBindingRequest[]? Metrics { get; init; }
    /// <summary>Relative minimum detectable effect, for example 0.02 for 2%.</summary>
    public double? Mde { get; init; }
    /// <summary>sequential (the default: badges on the always-valid p) or fixed_horizon.</summary>
    public DecisionMode? DecisionMode { get; init; }
    /// <summary>Seconds between scheduled looks while running, 1–86400; defaults to 60. A results query also takes one.</summary>
    /// <example>60</example>
    public int? LookIntervalSeconds { get; init; }
    /// <summary>
    /// Planning inputs for the pre-launch checks (GET /api/experiments/{key}/checks): the first primary metric's
    /// baseline and standard deviation, and the users a day who reach the experiment. All optional.
    /// </summary>
    public PowerInputs? Power { get; init; }
    /// <summary>
    /// CUPED's pre-period, 0–60 days before each user's first exposure; defaults to 14. 0 turns CUPED off.
    /// </summary>
    /// <example>14</example>
    public int? CupedPreDays { get; init; }
}

/// <summary>The namespace (layer) and the number of its slots the experiment claims.</summary>
public sealed record NamespaceRequest(string? Key, int? Slots);

/// <summary>One variant. Config is any JSON value and defaults to {}.</summary>
public sealed record VariantRequest(string? Key, int? Weight, JsonElement? Config, bool? Control);

/// <summary>
/// A registry metric bound to the experiment. MaxDegradation defaults to 0.05; a guardrail's action to pause (or
/// alert, which only raises the alert).
/// </summary>
public sealed record MetricBindingRequest(string? MetricKey, MetricRole? Role, MetricDirection? Direction, double? MaxDegradation,
    GuardrailAction? Action = null);
