namespace Experimentation.Grains.Experiments.Events;

/// <summary>
/// The definition of an experiment in review or approved changed (appended with its DraftUpdated), so the review no
/// longer applies and it is a draft again.
/// </summary>
/// <param name="From">in_review or approved: what the change undid.</param>
public sealed record ReviewReset(string From, DateTimeOffset At);
