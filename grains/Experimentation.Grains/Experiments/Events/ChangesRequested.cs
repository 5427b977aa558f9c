namespace Experimentation.Grains.Experiments.Events;

/// <summary>A reviewer sent the experiment in review back to draft, saying what to change.</summary>
/// <param name="By">The reviewing user; null for a trusted in-cluster call without a key.</param>
public sealed record ChangesRequested(string Comment, string? By, DateTimeOffset At);
