namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>
/// One pre-launch check of an experiment's definition. A failing check blocks submission and approval; a warning
/// does not. docs/experiments.md lists every check and when it passes, warns or fails.
/// </summary>
/// <param name="Name">primary_metric, mde, sample_size, duration, namespace_slots, guardrails or variant_configs.</param>
/// <param name="Reason">Why, in a sentence a person can act on.</param>
/// <param name="Value">The check's number when it has one: n per arm (sample_size), days (duration), free slots (namespace_slots).</param>
[GenerateSerializer, Immutable]
public sealed record PreLaunchCheck(string Name, CheckStatus Status, string Reason, double? Value = null);

/// <summary>The outcome of a pre-launch check.</summary>
[GenerateSerializer]
public enum CheckStatus
{
    Pass,
    Warn,
    Fail,
}
