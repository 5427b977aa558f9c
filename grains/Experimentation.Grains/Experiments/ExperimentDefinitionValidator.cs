using System.Text.Json;
using Experimentation.Assignment;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments;

/// <summary>
/// The rules an experiment definition must meet, checked in the grain so that HTTP callers and embedded clients
/// get the same answer. Field names are the JSON paths of the HTTP body.
/// </summary>
public static class ExperimentDefinitionValidator
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxVariants = 20;
    public const int MaxMetrics = 50;
    public const int MaxConfigLength = 64 * 1024;

    public static CommandError? Validate(string key, ExperimentDefinition d)
    {
        if (!Keys.IsValid(key)) return CommandError.Invalid("key", $"must match {Keys.Pattern}");
        return Text("name", d.Name, MaxNameLength)
            ?? Text("hypothesis", d.Hypothesis, MaxTextLength)
            ?? Text("ownerTeam", d.OwnerTeam, MaxNameLength)
            ?? CheckType(d.Type)
            ?? CheckNamespace(d.Namespace)
            ?? CheckVariants(d.Type, d.Variants)
            ?? CheckTraffic(d.TrafficPercent)
            ?? CheckDates(d.StartDate, d.EndDate)
            ?? CheckMetrics(d.Metrics)
            ?? CheckMde(d.Mde)
            ?? CheckPower(d.Power)
            ?? CheckAnalysis(d);
    }

    private static CommandError? Text(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? CommandError.Invalid(field, "is required and may not be blank")
        : value.Length > max ? CommandError.Invalid(field, $"may have at most {max} characters")
        : null;

    private static CommandError? CheckType(ExperimentType type) =>
        Enum.IsDefined(type) ? null : CommandError.Invalid("type", "must be ab, multivariate, holdout or rollout");

    private static CommandError? CheckNamespace(NamespaceClaim? ns)
    {
        if (ns is null) return null;
        if (!Keys.IsValid(ns.Key)) return CommandError.Invalid("namespace.key", $"must match {Keys.Pattern}");
        if (ns.Slots is < 1 or > AssignmentLimits.MaxTotalSlots)
            return CommandError.Invalid("namespace.slots", $"must be between 1 and {AssignmentLimits.MaxTotalSlots}");
        return null;
    }

    private static CommandError? CheckVariants(ExperimentType type, VariantDefinition[]? variants)
    {
        if (variants is null || variants.Length == 0) return CommandError.Invalid("variants", "at least two variants are required");
        if (variants.Length > MaxVariants) return CommandError.Invalid("variants", $"at most {MaxVariants} variants are allowed");
        var count = variants.Length;
        var countRule = type switch
        {
            ExperimentType.Ab when count != 2 => "an ab test has exactly 2 variants",
            ExperimentType.Multivariate when count < 3 => "a multivariate test has 3 or more variants",
            ExperimentType.Holdout when count != 2 => "a holdout has exactly 2 variants: the held-out control and the treatment",
            ExperimentType.Rollout when count != 2 => "a rollout has exactly 2 variants: the control and a single treatment",
            _ => null,
        };
        if (countRule is not null) return CommandError.Invalid("variants", countRule);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variants.Length; i++)
        {
            var v = variants[i];
            if (v is null) return CommandError.Invalid($"variants[{i}]", "may not be null");
            if (!Keys.IsValid(v.Key)) return CommandError.Invalid($"variants[{i}].key", $"must match {Keys.Pattern}");
            if (!seen.Add(v.Key)) return CommandError.Invalid($"variants[{i}].key", $"'{v.Key}' is used by another variant");
            if (v.Weight < 1) return CommandError.Invalid($"variants[{i}].weight", "must be a positive integer");
            if (CheckConfig(v.Config) is { } why) return CommandError.Invalid($"variants[{i}].config", why);
        }
        var controls = variants.Count(v => v.IsControl);
        return controls == 1 ? null : CommandError.Invalid("variants", $"exactly one variant must be the control (found {controls})");
    }

    private static string? CheckConfig(string? config)
    {
        if (config is null) return "must be a JSON value";
        if (config.Length > MaxConfigLength) return $"may have at most {MaxConfigLength} characters";
        try
        {
            using var _ = JsonDocument.Parse(config);
            return null;
        }
        catch (JsonException)
        {
            return "must be a JSON value";
        }
    }

    private static CommandError? CheckTraffic(double percent) =>
        double.IsFinite(percent) && percent is >= 0 and <= 100 ? null : CommandError.Invalid("trafficPercent", "must be between 0 and 100");

    private static CommandError? CheckDates(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e && e <= s ? CommandError.Invalid("endDate", "must be after startDate") : null;

    private static CommandError? CheckMetrics(MetricBinding[]? metrics)
    {
        if (metrics is null) return null;
        if (metrics.Length > MaxMetrics) return CommandError.Invalid("metrics", $"at most {MaxMetrics} metrics may be bound");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < metrics.Length; i++)
        {
            var m = metrics[i];
            if (m is null) return CommandError.Invalid($"metrics[{i}]", "may not be null");
            if (!Keys.IsValid(m.MetricKey)) return CommandError.Invalid($"metrics[{i}].metricKey", $"must match {Keys.Pattern}");
            if (!seen.Add(m.MetricKey)) return CommandError.Invalid($"metrics[{i}].metricKey", $"'{m.MetricKey}' is bound twice");
            if (!Enum.IsDefined(m.Role)) return CommandError.Invalid($"metrics[{i}].role", "must be primary, guardrail or informational");
            if (!Enum.IsDefined(m.Direction)) return CommandError.Invalid($"metrics[{i}].direction", "must be higher_better or lower_better");
            if (!double.IsFinite(m.MaxDegradation) || m.MaxDegradation <= 0 || m.MaxDegradation > 10)
                return CommandError.Invalid($"metrics[{i}].maxDegradation", "must be a relative change greater than 0 and at most 10");
        }
        return null;
    }

    private static CommandError? CheckAnalysis(ExperimentDefinition d)
    {
        if (d.DecisionMode is { } mode && !Enum.IsDefined(mode))
            return CommandError.Invalid("decisionMode", "must be sequential or fixed_horizon");
        if (d.LookIntervalSeconds is { } s && (s < 1 || s > ExperimentDefinition.MaxLookIntervalSeconds))
            return CommandError.Invalid("lookIntervalSeconds", $"must be between 1 and {ExperimentDefinition.MaxLookIntervalSeconds} (a day)");
        if (d.CupedPreDays is { } pre && (pre < 0 || pre > ExperimentDefinition.MaxCupedPreDays))
            return CommandError.Invalid("cupedPreDays", $"must be between 0 (CUPED off) and {ExperimentDefinition.MaxCupedPreDays}");
        return null;
    }

    // Whether the baseline suits the primary metric (a rate for a conversion) is a pre-launch check instead: a draft
    // may give its power inputs before it binds its metrics.
    private static CommandError? CheckPower(PowerInputs? power)
    {
        if (power is null) return null;
        if (power.Baseline is { } b && !double.IsFinite(b)) return CommandError.Invalid("power.baseline", "must be a finite number");
        if (power.StandardDeviation is { } sd && (!double.IsFinite(sd * sd) || sd <= 0))
            return CommandError.Invalid("power.standardDeviation", "must be a positive number");
        if (power.ExpectedDailyUsers is < 1) return CommandError.Invalid("power.expectedDailyUsers", "must be at least 1");
        return null;
    }

    private static CommandError? CheckMde(double? mde) =>
        mde is { } v && (!double.IsFinite(v) || v <= 0) ? CommandError.Invalid("mde", "must be greater than 0") : null;
}
