namespace Experimentation.Assignment;

/// <summary>
/// The answer for one (experiment or layer, user). Every string is a reference into the snapshot, so producing
/// one allocates nothing. Without a variant the caller shows its default experience.
/// </summary>
/// <param name="Reason">Why; only <see cref="AssignmentReason.Assigned"/> has a variant.</param>
/// <param name="ExperimentKey">The experiment the user was matched to, when one was.</param>
/// <param name="VariantKey">The variant, when assigned.</param>
/// <param name="VariantConfigJson">The variant's JSON configuration, when assigned and configured.</param>
/// <param name="Slot">The user's slot in the layer, or -1 when no slot was computed (no namespace, or rejected earlier).</param>
public readonly record struct AssignmentResult(
    AssignmentReason Reason,
    string? ExperimentKey,
    string? VariantKey,
    string? VariantConfigJson,
    int Slot)
{
    public bool IsAssigned => Reason == AssignmentReason.Assigned;

    internal static AssignmentResult Default(AssignmentReason reason, string? experimentKey = null, int slot = -1) =>
        new(reason, experimentKey, null, null, slot);
}
