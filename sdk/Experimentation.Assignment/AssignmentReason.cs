namespace Experimentation.Assignment;

/// <summary>Why an assignment came out as it did. Only <see cref="Assigned"/> carries a variant.</summary>
public enum AssignmentReason
{
    /// <summary>The user is in the experiment and has a variant.</summary>
    Assigned = 0,

    /// <summary>Empty, longer than <see cref="AssignmentLimits.MaxUserIdUtf8Bytes"/>, or not valid UTF-16.</summary>
    InvalidUserId,

    /// <summary>The snapshot has no experiment with that key.</summary>
    UnknownExperiment,

    /// <summary>The snapshot has no namespace with that key.</summary>
    UnknownNamespace,

    /// <summary>The experiment exists but is not running.</summary>
    ExperimentNotRunning,

    /// <summary>
    /// The user is in the global holdout and sees no experiment in any layer. Reported after the slot check, so a
    /// held-out user outside the experiment's slots gets that reason instead; see <see cref="AssignmentSnapshot.IsInGlobalHoldout"/>.
    /// </summary>
    GlobalHoldout,

    /// <summary>The user's slot in the layer is owned by no running experiment.</summary>
    NotInAnyExperiment,

    /// <summary>The user's slot is outside the requested experiment's range (another experiment, or none, owns it).</summary>
    OutsideExperimentSlots,

    /// <summary>The user is in the experiment's slots but above its traffic share.</summary>
    NotInTraffic,
}
