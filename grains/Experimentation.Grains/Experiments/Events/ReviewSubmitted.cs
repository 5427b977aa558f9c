namespace Experimentation.Grains.Experiments.Events;

/// <summary>A draft was submitted for review. <paramref name="By"/> is its author, whom the approval rule excludes.</summary>
/// <param name="By">The submitting user; null for a trusted in-cluster call without a key.</param>
public sealed record ReviewSubmitted(string? By, DateTimeOffset At);
