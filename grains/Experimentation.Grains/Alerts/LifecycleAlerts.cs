using Experimentation.Grains.Experiments.Events;

namespace Experimentation.Grains.Alerts;

/// <summary>Which lifecycle events raise an alert, and under which name.</summary>
public static class LifecycleAlerts
{
    public static string? NameOf(object @event) => @event switch
    {
        ExperimentStarted => AlertEvents.ExperimentStarted,
        ExperimentPaused => AlertEvents.ExperimentPaused,
        ExperimentResumed => AlertEvents.ExperimentResumed,
        ExperimentConcluded => AlertEvents.ExperimentConcluded,
        GuardrailBreached => AlertEvents.GuardrailBreached,
        ScheduledEndReached => AlertEvents.ExperimentEnded,
        ScheduledStartFailed => AlertEvents.ExperimentStartFailed,
        _ => null,
    };
}
