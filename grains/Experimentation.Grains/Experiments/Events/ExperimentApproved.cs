namespace Experimentation.Grains.Experiments.Events;

/// <summary>A reviewer or admin who is not the submitter approved the definition in review.</summary>
/// <param name="By">The approving user; null for a trusted in-cluster call without a key.</param>
public sealed record ExperimentApproved(string? By, DateTimeOffset At);
