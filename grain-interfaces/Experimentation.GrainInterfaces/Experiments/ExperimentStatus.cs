namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>
/// Lifecycle status: draft → in_review → approved → running ↔ paused → concluded → archived. Review is optional
/// unless an admin requires it for the owner team (then only an approved experiment starts); a review that asks for
/// changes, or any edit of an in_review or approved definition, returns it to draft (docs/experiments.md).
/// </summary>
/// <remarks>The review statuses come last so the values of the older ones do not move.</remarks>
[GenerateSerializer]
public enum ExperimentStatus
{
    Draft,
    Running,
    Paused,
    Concluded,
    Archived,

    /// <summary>Submitted for review: waiting for a reviewer to approve it or to ask for changes.</summary>
    InReview,

    /// <summary>A reviewer who is not the submitter approved this definition; it may start.</summary>
    Approved,
}
