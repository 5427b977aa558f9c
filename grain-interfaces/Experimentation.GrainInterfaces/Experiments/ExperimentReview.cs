namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>
/// Where the current definition stands in review. The users are the callers' names (null for a trusted in-cluster
/// call without a key); they are part of the decision, not only of the audit, since the submitter may not approve.
/// </summary>
/// <param name="SubmittedBy">The author of the review: who submitted the definition now in review or approved.</param>
/// <param name="ChangesRequested">The last reviewer's comment asking for changes; cleared by the next submission.</param>
[GenerateSerializer, Immutable]
public sealed record ExperimentReview(
    string? SubmittedBy,
    DateTimeOffset? SubmittedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    string? ChangesRequested,
    string? ChangesRequestedBy);
