using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Gateway.Contracts;

/// <summary>
/// Turns a request body into the grain's definition, naming the first missing required field. Value rules
/// (ranges, counts, patterns) stay in the grain so embedded clients get the same checks.
/// </summary>
public static class ExperimentRequestMapper
{
    public static (ExperimentDefinition? Definition, CommandError? Error) ToDefinition(CreateExperimentRequest r)
    {
        if ((Missing(r.Name, "name") ?? Missing(r.Hypothesis, "hypothesis") ?? Missing(r.Type, "type")
            ?? Missing(r.OwnerTeam, "ownerTeam") ?? Missing(r.Variants, "variants")) is { } missing)
            return (null, missing);

        NamespaceClaim? ns = null;
        if (r.Namespace is { } n)
        {
            if ((Missing(n.Key, "namespace.key") ?? Missing(n.Slots, "namespace.slots")) is { } e) return (null, e);
            ns = new NamespaceClaim(n.Key!, n.Slots!.Value);
        }

        var variants = new VariantDefinition[r.Variants!.Length];
        for (var i = 0; i < variants.Length; i++)
        {
            var v = r.Variants[i];
            if (v is null) return (null, CommandError.Invalid($"variants[{i}]", "may not be null"));
            if ((Missing(v.Key, $"variants[{i}].key") ?? Missing(v.Weight, $"variants[{i}].weight")) is { } e) return (null, e);
            var config = v.Config is { ValueKind: not JsonValueKind.Undefined } c ? c.GetRawText() : "{}";
            variants[i] = new VariantDefinition(v.Key!, v.Weight!.Value, config, v.Control ?? false);
        }

        var metrics = new MetricBinding[r.Metrics?.Length ?? 0];
        for (var i = 0; i < metrics.Length; i++)
        {
            var m = r.Metrics![i];
            if (m is null) return (null, CommandError.Invalid($"metrics[{i}]", "may not be null"));
            if ((Missing(m.MetricKey, $"metrics[{i}].metricKey") ?? Missing(m.Role, $"metrics[{i}].role")
                ?? Missing(m.Direction, $"metrics[{i}].direction")) is { } e) return (null, e);
            metrics[i] = new MetricBinding(m.MetricKey!, m.Role!.Value, m.Direction!.Value,
                m.MaxDegradation ?? MetricBinding.DefaultMaxDegradation, m.Action ?? GuardrailAction.Pause);
        }

        return (new ExperimentDefinition(r.Name!, r.Hypothesis!, r.Type!.Value, r.OwnerTeam!, ns, variants,
            r.TrafficPercent ?? 100, r.StartDate, r.EndDate, metrics, r.Mde, r.DecisionMode, r.LookIntervalSeconds, r.Power, r.CupedPreDays), null);
    }

    public static CommandError? Missing<T>(T? value, string field) =>
        value is null ? CommandError.Invalid(field, "is required") : null;
}
