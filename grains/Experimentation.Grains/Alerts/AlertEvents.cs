namespace Experimentation.Grains.Alerts;

/// <summary>The alert event names webhooks subscribe to (docs/automation.md).</summary>
public static class AlertEvents
{
    public const string GuardrailBreached = "guardrail.breached";
    public const string ExperimentStarted = "experiment.started";
    public const string ExperimentPaused = "experiment.paused";
    public const string ExperimentResumed = "experiment.resumed";
    public const string ExperimentConcluded = "experiment.concluded";
    public const string ExperimentEnded = "experiment.ended";
    public const string ExperimentStartFailed = "experiment.start_failed";
    public const string SrmDetected = "srm.detected";
    public const string SequentialEfficacy = "sequential.efficacy";
    public const string SequentialFutility = "sequential.futility";
    public const string NoveltyDetected = "novelty.detected";

    /// <summary>Every event a webhook may subscribe to.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        GuardrailBreached, ExperimentStarted, ExperimentPaused, ExperimentResumed, ExperimentConcluded, ExperimentEnded,
        ExperimentStartFailed, SrmDetected, SequentialEfficacy, SequentialFutility, NoveltyDetected,
    ];
}
